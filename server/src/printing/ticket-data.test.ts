import { describe, expect, it } from 'vitest';
import { renderTicket } from '@antre/printers';
import { testVenue } from '../testing/builders.js';
import type { Ticket } from '../contract/domain.js';
import { SURVEY_FOOTER, ticketPrintData } from './ticket-data.js';

describe('the SKM line at the ticket foot', () => {
  it('is printed only when the venue invites visitors to rate through the QR', () => {
    const plain = testVenue();
    const inviting = testVenue({ settings: { surveyOnTicket: true } as never });
    const at = Date.parse('2026-11-25T01:00:00Z');
    const t: Ticket = {
      id: 't1',
      day: '2026-11-25',
      number: 'A-001',
      seq: 1,
      serviceId: 'ktp',
      agencyId: 'dukcapil',
      priority: null,
      status: 'waiting',
      issuedAt: at,
      queuedAt: at,
      targetCounterId: null,
      counterId: null,
      userId: null,
      calledAt: null,
      startedAt: null,
      finishedAt: null,
      recalls: 0,
      transferredFrom: null,
      transferredTo: null,
      note: null,
      source: { kind: 'kiosk', id: 'kiosk-1' },
      history: [{ at, action: 'issued' }],
    };
    expect(ticketPrintData(plain, t, 0, null, 'http://antre.test/t/t1').footer).toBeUndefined();
    const data = ticketPrintData(inviting, t, 0, null, 'http://antre.test/t/t1');
    expect(data.footer).toBe(SURVEY_FOOTER);
    const bytes = renderTicket(data, { paper: 80, qr: 'native' }).toString('latin1');
    expect(bytes).toContain('Setelah dilayani, pindai QR yang sama');
    expect(renderTicket(ticketPrintData(plain, t, 0, null, 'http://antre.test/t/t1'), { paper: 80, qr: 'native' }).toString('latin1')).not.toContain(
      'Setelah dilayani',
    );
  });
});
