/** Picks the screen: pairing until the device has a token, then the board or a counter display. */
import { HallBoard } from './board/hall-board';
import { CounterDisplay } from './counter/counter-display';
import { PairingScreen } from './pairing/pairing-screen';
import { useDevice } from './pairing/use-device';
import { parseRoute } from './shared/route';
import type { VoicePreference } from './voice/use-announcer';

/** ?voice=clips|speech forces a voice (for a technician checking both); default picks itself. */
function voicePreference(): VoicePreference {
  const v = new URLSearchParams(window.location.search).get('voice');
  return v === 'clips' || v === 'speech' ? v : 'auto';
}

export function App() {
  const { status, pair, revoked } = useDevice();
  const route = parseRoute(window.location.pathname, import.meta.env.BASE_URL);
  if (status.kind !== 'ready') {
    return (
      <PairingScreen
        revoked={status.kind === 'unpaired' && status.revoked}
        error={status.kind === 'unpaired' ? status.error : null}
        busy={status.kind === 'pairing'}
        onPair={(code) => void pair(code)}
      />
    );
  }
  if (route.screen === 'counter')
    return <CounterDisplay key={status.token} token={status.token} device={status.device} counterId={route.counterId} onAuthError={revoked} />;
  return <HallBoard key={status.token} token={status.token} device={status.device} voice={voicePreference()} onAuthError={revoked} />;
}
