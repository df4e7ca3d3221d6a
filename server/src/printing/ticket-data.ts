import type { TicketPrintData } from '@antre/printers';
import { PRIORITY_LABELS, type Ticket } from '../contract/domain.js';
import type { Venue } from '../contract/venue.js';

/** The ticket's foot when the venue invites visitors to the SKM survey through the ticket's QR. */
export const SURVEY_FOOTER = 'Setelah dilayani, pindai QR yang sama untuk mengisi Survei Kepuasan Masyarakat. Terima kasih.';

/** What goes on the paper for a ticket: venue, service, where to wait, requirements in short. */
export function ticketPrintData(
  venue: Venue,
  ticket: Ticket,
  ahead: number,
  estimatedWaitMinutes: number | null,
  qrUrl: string,
  serviceStartsAt: number | null = null,
): TicketPrintData {
  const service = venue.services.find((s) => s.id === ticket.serviceId);
  const agency = venue.agencies.find((a) => a.id === ticket.agencyId);
  const floor = venue.floors.find((f) => f.number === agency?.floor);
  const counter = venue.counters.find((c) => c.serviceIds.includes(ticket.serviceId) && c.waitingArea);
  return {
    venueName: venue.name,
    venueSubtitle: venue.building,
    agencyName: agency?.shortName ?? agency?.name ?? '',
    serviceName: service?.name ?? ticket.serviceId,
    number: ticket.number,
    priorityLabel: ticket.priority ? `Prioritas: ${PRIORITY_LABELS[ticket.priority].id}` : undefined,
    floorLabel: floor?.name ?? `Lantai ${agency?.floor ?? ''}`,
    waitingArea: counter?.waitingArea ?? `Ruang tunggu ${floor?.name ?? ''}`.trim(),
    issuedAt: ticket.issuedAt,
    timeZone: venue.timeZone,
    ahead,
    estimatedWaitMinutes,
    serviceStartsAt,
    requirements: (service?.requirements ?? []).slice(0, 6),
    fee: service?.fee ?? '',
    qrUrl,
    // The QR's page shows the SKM survey once the visit is finished: say so at the foot when the venue asks.
    footer: venue.settings.surveyOnTicket ? SURVEY_FOOTER : undefined,
  };
}
