// The server's answers the kiosk reads, from the shared contract.
export type { IssuedTicket, PublicVenue } from '@antre/server/contract';
