import type { Logger } from 'pino';
import type { Ticket } from '../contract/domain.js';
import { addDays, localDay } from '../contract/time.js';
import { messageSettings } from '../contract/venue.js';
import type { Change } from '../engine/state.js';
import type { QueueService } from '../queue/queue-service.js';
import type { Contact, ContactStore } from '../store/contact-store.js';
import type { MessageKind } from './channel.js';
import type { NewMessage, Outbox } from './outbox.js';
import { composeMessage, type MessageValues } from './texts.js';

/** How long each message stays worth sending: "go to the counter" is useless ten minutes late. */
const TTL_MS: Record<MessageKind, number> = {
  booking_confirmed: 24 * 3600_000,
  booking_reminder: 12 * 3600_000,
  almost_turn: 20 * 60_000,
  called: 10 * 60_000,
  survey: 24 * 3600_000,
};

/** The wording version a consent was given under; bump it when the consent text changes. */
export const CONSENT_VERSION = 'uu27-2022-v1';

/**
 * Turns queue changes into messages for visitors who gave a number: "N lagi sebelum Anda" once,
 * "Silakan ke Loket 5 sekarang" at the call, the survey link after the visit. It only puts
 * messages in the outbox after the change is durable and announced; the call never waits for it.
 */
export class VisitorMessenger {
  constructor(
    private readonly queue: QueueService,
    private readonly contacts: ContactStore,
    private readonly outbox: Outbox,
    private readonly log: Logger,
  ) {
    queue.on('changes', (changes) => {
      try {
        this.onChanges(changes);
      } catch (err) {
        this.log.error({ err }, 'visitor messages: a change could not be looked at');
      }
    });
  }

  /** Builds and queues one message of a kind; `ttlMs` defaults to the kind's. */
  message<K extends MessageKind>(kind: K, to: string, values: MessageValues[K], ref: NewMessage['ref'], ttlMs = TTL_MS[kind]): NewMessage {
    return { to, kind, ref, ttlMs, ...composeMessage(kind, values) };
  }

  send(list: NewMessage[]): void {
    if (!list.length) return;
    this.outbox.enqueue(list).catch((err: unknown) => this.log.error({ err }, 'visitor messages could not be put in the outbox'));
  }

  private onChanges(changes: Change[]): void {
    if (this.contacts.size === 0) return;
    const e = this.queue.engine;
    const settings = messageSettings(e.venue.settings);
    const out: NewMessage[] = [];
    const marks = new Map<string, Partial<Contact>>();
    const mark = (c: Contact, m: Partial<Contact>) => {
      Object.assign(c, m); // at once, so the next change does not send it again while the disk catches up
      marks.set(c.id, { ...marks.get(c.id), ...m });
    };
    const services = new Set<string>();
    for (const c of changes) {
      if (c.t === 'ticket') {
        services.add(c.ticket.serviceId);
        this.followTransfer(c.ticket);
        const contact = this.contacts.forTicket(c.ticket.id);
        if (contact && c.ticket.status === 'done' && settings.surveyUrl && !contact.surveySent) {
          mark(contact, { surveySent: true });
          out.push(
            this.message(
              'survey',
              contact.phone,
              { number: c.ticket.number, link: settings.surveyUrl.replace('{ticket}', c.ticket.id) },
              { ticketId: c.ticket.id },
            ),
          );
        }
      } else if (c.t === 'call') {
        const contact = this.contacts.forTicket(c.call.ticketId);
        if (!contact || contact.calledSent) continue;
        const counter = e.venue.counters.find((x) => x.id === c.call.counterId);
        mark(contact, { calledSent: true, almostSent: true });
        out.push(this.message('called', contact.phone, { number: c.call.number, counter: counter?.name ?? c.call.counterId }, { ticketId: c.call.ticketId }));
      }
    }
    for (const sid of services) {
      const order = e.estimator.order(sid, this.queue.clock());
      const limit = Math.min(order.length, settings.almostTurnAhead + 1);
      for (let i = 1; i < limit; i++) {
        const t = order[i]!;
        const contact = this.contacts.forTicket(t.id);
        if (!contact || contact.almostSent) continue;
        mark(contact, { almostSent: true });
        out.push(this.message('almost_turn', contact.phone, { number: t.number, ahead: i, service: e.service(sid).name }, { ticketId: t.id }));
      }
    }
    this.send(out);
    if (marks.size) {
      this.contacts
        .change((list) => list.map((c) => (marks.has(c.id) ? { ...c, ...marks.get(c.id) } : c)))
        .catch((err: unknown) => this.log.error({ err }, 'visitor messages: what was sent could not be recorded'));
    }
  }

  /** A visitor sent to another service keeps their messages: the number follows the new ticket. */
  private followTransfer(t: Ticket): void {
    if (!t.transferredFrom || this.contacts.forTicket(t.id)) return;
    const from = this.contacts.forTicket(t.transferredFrom);
    if (!from) return;
    const moved: Contact = { ...from, id: `${from.id}-${t.id}`, ticketId: t.id, almostSent: false, calledSent: false };
    this.contacts
      .change((list) => [...list, moved])
      .catch((err: unknown) => this.log.error({ err }, 'visitor messages: a transferred number could not be kept'));
  }

  /** Deletes numbers whose visit is more than the set days ago, and their messages. */
  async purge(now: number): Promise<number> {
    const e = this.queue.engine;
    const oldest = addDays(localDay(now, e.venue.timeZone), -messageSettings(e.venue.settings).keepNumbersDays);
    const gone = this.contacts.all().filter((c) => c.day < oldest);
    if (gone.length) {
      const ids = new Set(gone.map((c) => c.id));
      await this.contacts.change((list) => list.filter((c) => !ids.has(c.id)));
    }
    await this.outbox.purge({ ticketIds: new Set(gone.map((c) => c.ticketId)) });
    return gone.length;
  }
}
