// Entry of the kiosk chunk: its styles and its app.
import '../styles/base.css';
import '../styles/kiosk.css';
import { lockTouchGestures } from './touch-lock';

lockTouchGestures();

export { KioskApp } from './kiosk-app';
