// Entry of the survey tablet chunk: kiosk frame styles (a public touch screen), the survey's own.
import '../styles/base.css';
import '../styles/kiosk.css';
import '../styles/survey.css';
import { lockTouchGestures } from '../kiosk/touch-lock';

lockTouchGestures();

export { SurveyApp } from './survey-app';
export { PublicSummary } from './public-summary';
