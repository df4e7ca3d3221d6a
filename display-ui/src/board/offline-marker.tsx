import { text } from '../shared/dictionary';
import { Say } from '../shared/say';

/** A small red tag while the socket is down: the board may be showing old numbers. */
export function OfflineMarker({ connected, restarting }: { connected: boolean; restarting: boolean }) {
  if (connected) return null;
  return (
    <div className="offline-marker" role="status" data-testid="offline">
      <span className="offline-dot" />
      <Say t={text(restarting ? 'restarting' : 'offline')} stacked />
    </div>
  );
}
