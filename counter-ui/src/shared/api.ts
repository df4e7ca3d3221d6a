import type { LocalizedText } from '@antre/server/contract';
import { ApiError, createApiClient } from '@antre/server/api';

export { ApiError, isAuthError, whileBusy } from '@antre/server/api';
export type { ApiAnswers, BodyOf, QueryOf } from '@antre/server/api';

/** The console's, supervisor's and admin's client of the server's API (v1), typed from the route map. */
export const api = createApiClient();

const NETWORK: LocalizedText = { id: 'Server tidak dapat dihubungi.', en: 'The server cannot be reached.' };

/** Any thrown value as a bilingual text a screen can show. */
export function errorText(e: unknown): LocalizedText {
  if (e instanceof ApiError) return e.text ?? NETWORK;
  const msg = e instanceof Error ? e.message : String(e);
  return { id: msg, en: msg };
}
