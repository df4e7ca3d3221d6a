export { startHub, type HubOptions, type RunningHub } from './hub.js';
export { startThrowawayPostgres, findPostgresBin, PostgresMissingError, type ThrowawayPostgres, type ThrowawayOptions } from './pg/throwaway.js';
export { HUB_ERRORS, HubError, type HubErrorCode } from './errors.js';
