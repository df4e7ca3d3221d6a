// Entry of the phone page chunk: light styles, no kiosk code.
import '../styles/base.css';
import '../styles/ticket.css';
import '../styles/survey.css';

export { TicketPage } from './ticket-page';
