// Entry of the public booking page chunk: light styles, no kiosk code.
import '../styles/base.css';
import '../styles/booking.css';

export { BookingPage } from './booking-page';
export { ManagePage } from './manage-page';
