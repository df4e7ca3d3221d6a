/**
 * The hall board of one floor (or the whole building): the newest call huge, the last calls,
 * every counter with its number and state, people waiting per agency, WITA clock, running
 * text, and the spoken call for each new call.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { CallEvent, PublicDevice } from '@antre/server/contract';
import { useVenue } from '../shared/use-venue';
import { text } from '../shared/dictionary';
import { usePortrait } from '../shared/use-orientation';
import { waitingByAgency } from '../live/live-state';
import { useDisplayLive } from '../live/use-display-live';
import { useAnnouncer, type VoicePreference } from '../voice/use-announcer';
import { BoardHeader } from './board-header';
import { CounterGrid, type CounterTileData } from './counter-grid';
import { LatestCall } from './latest-call';
import { Marquee } from './marquee';
import { RecentCalls } from './recent-calls';
import { SoundBanner } from './sound-banner';
import { WaitingPanel } from './waiting-panel';

export interface HallBoardProps {
  token: string;
  device: PublicDevice | null;
  voice: VoicePreference;
  /** The server refused this screen's token. */
  onAuthError: () => void;
}

export function HallBoard({ token, device, voice, onAuthError }: HallBoardProps) {
  const portrait = usePortrait();
  const announcer = useAnnouncer(voice);
  const venueRef = useRef<ReturnType<typeof useVenue>>(null);
  const say = announcer.say;
  const onCall = useCallback(
    (call: CallEvent) => {
      const v = venueRef.current;
      // Without the venue yet, "loket-3" still reads "loket tiga".
      const counter = v?.counters.find((c) => c.id === call.counterId) ?? { name: call.counterId.replace(/-/g, ' ') };
      say(call, counter, v?.settings.spokenNumbers ?? 'cardinal');
    },
    [say],
  );
  const live = useDisplayLive(token, onCall);
  const { board } = live;
  const venue = useVenue(board.venueVersion);
  venueRef.current = venue;
  useEffect(() => {
    if (live.authError) onAuthError();
  }, [live.authError, onAuthError]);

  const floor = device?.floor ?? null;
  const counters = useMemo(() => new Map((venue?.counters ?? []).map((c) => [c.id, c])), [venue]);
  const agencies = useMemo(() => new Map((venue?.agencies ?? []).map((a) => [a.id, a])), [venue]);

  const tiles: CounterTileData[] = useMemo(() => {
    const lastLive = new Map<string, number>();
    for (const c of board.calls) if (c.receivedAt !== null) lastLive.set(c.counterId, c.receivedAt);
    return (
      (venue?.counters ?? [])
        // The server sends only the counters this screen may show; before it answers, trust the device's floor.
        .filter((c) => (board.ready ? board.counters.has(c.id) : floor === null || c.floor === floor))
        .map((c) => ({ counter: c, live: board.counters.get(c.id), agency: agencies.get(c.agencyId), calledAt: lastLive.get(c.id) ?? null }))
    );
  }, [venue, floor, board.ready, board.counters, board.calls, agencies]);

  const waiting = useMemo(() => {
    const counts = waitingByAgency(board.queues);
    return [...counts.entries()]
      .map(([id, n]) => ({ agency: agencies.get(id), waiting: n }))
      .filter((r): r is { agency: NonNullable<typeof r.agency>; waiting: number } => r.agency !== undefined)
      .sort((a, b) => (venue?.agencies.indexOf(a.agency) ?? 0) - (venue?.agencies.indexOf(b.agency) ?? 0));
  }, [board.queues, agencies, venue]);

  const floorInfo = venue?.floors.find((f) => f.number === floor);
  // A board paired to a zone names the zone; otherwise its floor (or all floors).
  const zone = device?.ref ? venue?.zones?.find((z) => z.id === device.ref) : undefined;
  const place = zone
    ? { id: zone.name, en: zone.nameEn ?? zone.name }
    : floorInfo
      ? { id: floorInfo.name, en: floorInfo.nameEn ?? floorInfo.name }
      : text('allFloors');
  const latest = board.calls.at(-1);
  const tz = venue?.timeZone ?? 'Asia/Makassar';

  return (
    <div
      className={`board ${portrait ? 'is-portrait' : 'is-landscape'} ${live.connected ? '' : 'is-offline'}`}
      data-testid="hall-board"
      data-ready={board.ready && venue !== null}
    >
      <BoardHeader
        title={venue?.name ?? ''}
        place={place}
        tz={tz}
        tzLabel={venue?.timeZoneLabel ?? 'WITA'}
        clockOffset={board.clockOffset}
        connected={live.connected}
        restarting={live.restarting}
      />
      <main className="board-main">
        <div className="board-calls">
          <LatestCall
            call={latest}
            counter={latest && counters.get(latest.counterId)}
            agency={latest && agencies.get(latest.agencyId)}
            service={latest && venue?.services.find((s) => s.id === latest.serviceId)}
          />
          <RecentCalls calls={board.calls} counters={counters} limit={4} />
        </div>
        <div className="board-floor">
          <CounterGrid tiles={tiles} tz={tz} clockOffset={board.clockOffset} />
          <WaitingPanel rows={waiting} />
        </div>
      </main>
      <Marquee items={board.announcements.length > 0 ? board.announcements : venue ? [`${venue.name} · ${venue.building}`] : []} />
      <SoundBanner blocked={announcer.blocked} unlock={announcer.unlock} />
    </div>
  );
}
