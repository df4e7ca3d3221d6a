export * from './errors.js';
export * from './domain.js';
export * from './venue.js';
export * from './schemas.js';
export * from './events.js';
export * from './time.js';
export * from './responses.js';
export * from './reports.js';
