export { startServer, type StartOptions, type RunningServer } from './server.js';
export { loadVenueFile, parseVenue, DEFAULT_VENUE_PATH, VenueError } from './venue/load-venue.js';
