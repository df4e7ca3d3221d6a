import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';

// One index.html serves the kiosk (/kiosk), the visitor's phone page (/t/<id>), the survey tablet
// (/survey), the public SKM summary (/skm) and the public booking page (/booking, /booking/m/<link>).
// Each is its own chunk, so a phone on a slow line never downloads the kiosk's screens or QR code.
const KioskApp = lazy(() => import('./kiosk/kiosk-root').then((m) => ({ default: m.KioskApp })));
const TicketPage = lazy(() => import('./ticket-page/ticket-root').then((m) => ({ default: m.TicketPage })));
const SurveyApp = lazy(() => import('./survey/survey-root').then((m) => ({ default: m.SurveyApp })));
const PublicSummary = lazy(() => import('./survey/survey-root').then((m) => ({ default: m.PublicSummary })));
const BookingPage = lazy(() => import('./booking-page/booking-root').then((m) => ({ default: m.BookingPage })));
const ManagePage = lazy(() => import('./booking-page/booking-root').then((m) => ({ default: m.ManagePage })));

const path = window.location.pathname;
const ticket = /^\/t\/([A-Za-z0-9_-]{1,64})\/?$/.exec(path);
const manage = /^\/booking\/m\/([A-Za-z0-9_-]{1,64})\/?$/.exec(path);
const booking = /^\/booking\/?$/.test(path);
const survey = /^\/survey\/?$/.test(path);
const summary = /^\/skm\/?$/.test(path);

/** Which of the apps this address is. */
function App() {
  if (ticket) return <TicketPage initialId={ticket[1]!} />;
  if (manage) return <ManagePage token={manage[1]!} />;
  if (booking) return <BookingPage />;
  if (survey) return <SurveyApp />;
  if (summary) return <PublicSummary />;
  return <KioskApp />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={null}>
      <App />
    </Suspense>
  </StrictMode>,
);
