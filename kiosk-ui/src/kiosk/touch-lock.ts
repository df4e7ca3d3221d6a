/**
 * A public kiosk must not zoom, select text or open a context menu under a long press: the
 * meta viewport and CSS do most of it; these listeners catch what desktop Chromium still allows.
 */
export function lockTouchGestures(): void {
  const viewport = document.querySelector('meta[name="viewport"]');
  viewport?.setAttribute('content', 'width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no');
  document.documentElement.classList.add('kiosk');
  const stop = (e: Event) => e.preventDefault();
  document.addEventListener('contextmenu', stop);
  document.addEventListener('selectstart', stop);
  document.addEventListener('dragstart', stop);
  document.addEventListener('gesturestart', stop);
  document.addEventListener('wheel', (e) => e.ctrlKey && e.preventDefault(), { passive: false });
  document.addEventListener('touchmove', (e) => e.touches.length > 1 && e.preventDefault(), { passive: false });
}
