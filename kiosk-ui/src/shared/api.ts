import { createApiClient } from '@antre/server/api';

export { ApiError, isAuthError, whileBusy, type BodyOf } from '@antre/server/api';

/** The kiosk's, survey tablet's and visitor pages' client of the server's API (v1), typed from the route map. */
export const api = createApiClient();
