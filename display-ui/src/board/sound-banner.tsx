import { useEffect } from 'react';
import { text } from '../shared/dictionary';

/**
 * While the browser blocks sound: a small speaker mark in the corner, for staff. It never covers a
 * call or a tile (the public reads the board, staff fix the sound); any tap or key unlocks sound.
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
  const t = text('soundBlocked');
  const label = `${t.id} / ${t.en}`;
  return (
    <div className="sound-mark" role="status" aria-label={label} title={label} data-testid="sound-blocked">
      <svg className="sound-icon" viewBox="0 0 24 24" aria-hidden>
        <path d="M3 9v6h4l5 4V5L7 9H3z" fill="currentColor" />
        <path d="M16 9l5 6M21 9l-5 6" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
    </div>
  );
}
