import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';

// One index.html serves three apps: the kiosk (/kiosk), the visitor's phone page (/t/<id>) and the survey tablet (/survey).
// Each is its own chunk, so a phone on a slow line never downloads the kiosk's screens or QR code.
const KioskApp = lazy(() => import('./kiosk/kiosk-root').then((m) => ({ default: m.KioskApp })));
const TicketPage = lazy(() => import('./ticket-page/ticket-root').then((m) => ({ default: m.TicketPage })));
const SurveyApp = lazy(() => import('./survey/survey-root').then((m) => ({ default: m.SurveyApp })));
const PublicSummary = lazy(() => import('./survey/survey-root').then((m) => ({ default: m.PublicSummary })));

const ticket = /^\/t\/([A-Za-z0-9_-]{1,64})\/?$/.exec(window.location.pathname);
// The survey tablet (/survey) is a third app of the same build.
const survey = /^\/survey\/?$/.test(window.location.pathname);
const summary = /^\/skm\/?$/.test(window.location.pathname);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={null}>{ticket ? <TicketPage initialId={ticket[1]!} /> : survey ? <SurveyApp /> : summary ? <PublicSummary /> : <KioskApp />}</Suspense>
  </StrictMode>,
);
