/** The few HTTP calls a display makes: pair, who am I, the venue; through the API's typed client. Errors keep the server's code. */
import type { PublicDevice, PublicVenue } from '@antre/server/contract';
import { ApiError, createApiClient, isAuthError, whileBusy } from '@antre/server/api';

export { ApiError };
export type { PublicVenue };

const api = createApiClient();

/** Trades a one-time pairing code for the device's long-lived token. */
export function pairDevice(code: string): Promise<{ token: string; device: PublicDevice }> {
  return whileBusy(() => api.call('devices.pair', { body: { code } }));
}

/** The device behind a token: which floor this screen shows. */
export async function fetchDevice(token: string): Promise<PublicDevice> {
  const out = await api.call('auth.me', { token });
  if (!out.device) throw new ApiError(403, 'FORBIDDEN', null);
  return out.device;
}

export function fetchVenue(): Promise<PublicVenue> {
  return api.call('venue.get');
}

/** True when the server says the token is dead (revoked device, wiped data), not just unreachable. */
export const isAuthFailure = isAuthError;
