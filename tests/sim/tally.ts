import type { ReportRow } from '@antre/server/contract';
import type { LedgerTicket } from './ledger.ts';

/** What one simulated day did, in numbers that are the same for the same seed. */
export class DayTally {
  private issuedBy: Record<string, number> = {};
  private refusals: Record<string, number> = {};
  private quota: Record<string, string> = {};
  private waits: number[] = [];
  /** Booked visitors' waits, from their slot (or check-in, if later) to the call. */
  private bookedWaits: number[] = [];
  private bookings = { made: 0, refused: 0, checkedIn: 0, late: 0 };
  private n = { issued: 0, calls: 0, served: 0, noShows: 0, transfers: 0, held: 0, resumed: 0, expired: 0 };
  private alert: { lateOfficerOnBreak: boolean; strandedServices: number; alertsRaised: number } | null = null;

  constructor(
    readonly day: string,
    private readonly planned: number,
    private readonly closedAgency: string | null,
    private readonly lateCounter: string,
  ) {}

  issued(agencyId: string): void {
    this.n.issued++;
    this.issuedBy[agencyId] = (this.issuedBy[agencyId] ?? 0) + 1;
  }

  refused(code: string): void {
    this.refusals[code] = (this.refusals[code] ?? 0) + 1;
  }

  quotaFull(serviceId: string, time: string): void {
    this.quota[serviceId] ??= time;
  }

  called(): void {
    this.n.calls++;
  }

  noShow(): void {
    this.n.noShows++;
  }

  transferred(): void {
    this.n.transfers++;
  }

  served(t: LedgerTicket, _at: number): void {
    this.n.served++;
    if (t.calledAt === null) return;
    if (t.booked) this.bookedWaits.push((t.calledAt - Math.max(t.booked.slotAt, t.issuedAt)) / 60_000);
    else this.waits.push((t.calledAt - t.issuedAt) / 60_000);
  }

  booking(what: 'made' | 'refused' | 'checkedIn' | 'late'): void {
    this.bookings[what]++;
  }

  held(): void {
    this.n.held++;
  }

  resumed(): void {
    this.n.resumed++;
  }

  expired(n: number): void {
    this.n.expired += n;
  }

  alertCheck(lateOfficerOnBreak: boolean, strandedServices: number, alertsRaised: number): void {
    this.alert = { lateOfficerOnBreak, strandedServices, alertsRaised };
  }

  /** The server's own report of the day must count what the ledger counted. */
  compareWithServer(total: ReportRow | undefined, tickets: LedgerTicket[]): string[] {
    if (!total) return [`no server report for ${this.day}`];
    const want = {
      issued: tickets.filter((t) => !t.transferredIn).length,
      transferredIn: tickets.filter((t) => t.transferredIn).length,
      served: tickets.filter((t) => t.status === 'done').length,
      noShow: tickets.filter((t) => t.status === 'no_show').length,
      transferred: tickets.filter((t) => t.status === 'transferred').length,
      expired: tickets.filter((t) => t.status === 'expired').length,
      inProgress: 0,
    };
    return Object.entries(want)
      .filter(([k, v]) => total[k as keyof typeof want] !== v)
      .map(([k, v]) => `${this.day} report: ${k} is ${String(total[k as keyof typeof want])} on the server, ${v} in the ledger`);
  }

  toJSON() {
    const round = (x: number) => Math.round(x * 10) / 10;
    const stats = (xs: number[]) => {
      const w = [...xs].sort((a, b) => a - b);
      return w.length
        ? { mean: round(w.reduce((s, x) => s + x, 0) / w.length), p90: round(w[Math.floor(w.length * 0.9)]!), max: round(w[w.length - 1]!) }
        : null;
    };
    return {
      day: this.day,
      visitorsPlanned: this.planned,
      ticketsIssued: this.n.issued,
      calls: this.n.calls,
      served: this.n.served,
      noShows: this.n.noShows,
      transfers: this.n.transfers,
      held: this.n.held,
      resumed: this.n.resumed,
      expiredAtMidnight: this.n.expired,
      refusals: sortKeys(this.refusals),
      quotaFullAt: sortKeys(this.quota),
      closedAgency: this.closedAgency,
      lateOfficer: { counterId: this.lateCounter, ...this.alert },
      waitMinutes: stats(this.waits),
      bookedWaitMinutes: stats(this.bookedWaits),
      bookings: { ...this.bookings },
      issuedByAgency: sortKeys(this.issuedBy),
    };
  }
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
