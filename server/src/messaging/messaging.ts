import type { Logger } from 'pino';
import { AntreError } from '../contract/errors.js';
import type { Ticket } from '../contract/domain.js';
import type { QueueService } from '../queue/queue-service.js';
import { ContactStore } from '../store/contact-store.js';
import { OutboxStore } from '../store/outbox-store.js';
import { maskPhone, normalizeIdPhone } from './channel.js';
import { Outbox, type OutboxOptions } from './outbox.js';
import { openChannels, type MessagingConfig } from './registry.js';
import { CONSENT_VERSION, VisitorMessenger } from './visitor-messenger.js';

export interface MessagingOptions {
  config: MessagingConfig;
  dataDir: string;
  queue: QueueService;
  log: Logger;
  /** Pacing of the outbox (tests shorten it, or run it by hand). */
  outbox?: Partial<Omit<OutboxOptions, 'clock' | 'log' | 'timeZone'>>;
}

/** Everything about messages to visitors, handed to the doors as one thing. */
export class Messaging {
  private purgeTimer: NodeJS.Timeout | null = null;

  private constructor(
    readonly outbox: Outbox,
    readonly contacts: ContactStore,
    readonly messenger: VisitorMessenger,
    private readonly queue: QueueService,
    private readonly log: Logger,
  ) {}

  static async open(o: MessagingOptions): Promise<Messaging> {
    const store = new OutboxStore(o.dataDir);
    await store.load();
    const contacts = new ContactStore(o.dataDir);
    await contacts.load();
    const outbox = new Outbox(store, openChannels(o.config), { clock: o.queue.clock, log: o.log, timeZone: o.queue.venue.timeZone, ...o.outbox });
    const m = new Messaging(outbox, contacts, new VisitorMessenger(o.queue, contacts, outbox, o.log), o.queue, o.log);
    await m.purge();
    // Numbers are deleted once their days are up: checked at each new day and every hour.
    o.queue.on('day', () => void m.purge());
    // A jump of the clock (a simulated day) has no timer of its own: any command also looks at what is due.
    o.queue.on('changes', () => outbox.kick());
    m.purgeTimer = setInterval(() => void m.purge(), 3600_000);
    m.purgeTimer.unref();
    outbox.kick();
    return m;
  }

  /** Whether any channel is configured: without one, numbers are not asked for. */
  get enabled(): boolean {
    return this.outbox.channels.length > 0;
  }

  private async purge(): Promise<void> {
    try {
      const n = await this.messenger.purge(this.queue.clock());
      if (n) this.log.info({ numbers: n }, 'visitor numbers deleted after their retention');
    } catch (err) {
      this.log.error({ err }, 'visitor numbers could not be purged');
    }
  }

  /** A walk-in visitor adds a number on the ticket page; answers the number masked. */
  async addContact(ticket: Ticket, phoneInput: string, now: number): Promise<{ phone: string }> {
    if (!this.enabled) throw new AntreError('MESSAGES_UNAVAILABLE');
    const phone = normalizeIdPhone(phoneInput);
    if (!phone) throw new AntreError('PHONE_INVALID');
    if (!['waiting', 'held'].includes(ticket.status)) throw new AntreError('INVALID_STATE', { status: ticket.status });
    await this.contacts.change((list) => [
      ...list.filter((c) => c.ticketId !== ticket.id),
      {
        id: `c-${ticket.id}`,
        phone,
        ticketId: ticket.id,
        day: ticket.day,
        createdAt: now,
        consentAt: now,
        consentVersion: CONSENT_VERSION,
        almostSent: false,
        calledSent: false,
        surveySent: false,
      },
    ]);
    return { phone: maskPhone(phone) };
  }

  /** A booked visitor's number (consent given when booking) follows the ticket made at check-in. */
  async addBookedContact(ticket: Ticket, phone: string, consentAt: number): Promise<void> {
    await this.contacts.change((list) => [
      ...list.filter((c) => c.ticketId !== ticket.id),
      {
        id: `c-${ticket.id}`,
        phone,
        ticketId: ticket.id,
        day: ticket.day,
        createdAt: consentAt,
        consentAt,
        consentVersion: CONSENT_VERSION,
        almostSent: false,
        calledSent: false,
        surveySent: false,
      },
    ]);
  }

  /** The visitor withdraws: the number and its unsent messages are deleted now. */
  async removeContact(ticketId: string): Promise<void> {
    if (!this.contacts.forTicket(ticketId)) return;
    await this.contacts.change((list) => list.filter((c) => c.ticketId !== ticketId));
    await this.outbox.purge({ ticketIds: new Set([ticketId]) });
  }

  contactOf(ticketId: string): { registered: boolean; phone: string | null } {
    const c = this.contacts.forTicket(ticketId);
    return { registered: !!c, phone: c ? maskPhone(c.phone) : null };
  }

  async close(): Promise<void> {
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    await this.outbox.close();
  }
}
