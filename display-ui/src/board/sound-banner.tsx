import { useEffect } from 'react';
import { text } from '../shared/dictionary';
import { Say } from '../shared/say';

/**
 * Shown while the browser blocks sound: a band big enough to see from the door, over the
 * middle of the board (the board stays readable). Any tap or key anywhere unlocks sound.
 */
export function SoundBanner({ blocked, unlock }: { blocked: boolean; unlock: () => void }) {
  useEffect(() => {
    if (!blocked) return;
    const onGesture = () => unlock();
    window.addEventListener('pointerdown', onGesture);
    window.addEventListener('keydown', onGesture);
    return () => {
      window.removeEventListener('pointerdown', onGesture);
      window.removeEventListener('keydown', onGesture);
    };
  }, [blocked, unlock]);
  if (!blocked) return null;
  return (
    <div className="sound-banner" role="alert" data-testid="sound-blocked">
      <svg className="sound-icon" viewBox="0 0 24 24" aria-hidden>
        <path d="M3 9v6h4l5 4V5L7 9H3z" fill="currentColor" />
        <path d="M16 9l5 6M21 9l-5 6" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <div>
        <Say t={text('soundBlocked')} stacked className="sound-title" />
        <Say t={text('soundBlockedHint')} stacked className="sound-hint" />
      </div>
    </div>
  );
}
