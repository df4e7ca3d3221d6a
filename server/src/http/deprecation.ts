import type { RequestHandler } from 'express';
import { API_V1, LEGACY_DEPRECATED_AT, LEGACY_SUNSET_AT } from '../contract/api/routes.js';

const deprecatedSince = `@${Math.floor(Date.parse(LEGACY_DEPRECATED_AT) / 1000)}`;
const sunset = new Date(LEGACY_SUNSET_AT).toUTCString();

/**
 * The unversioned /api paths answer as v1 does, and say they are deprecated: `Deprecation` (RFC
 * 9745, the date they became so), `Sunset` (RFC 8594, the last day) and `Link` (RFC 8288) to the
 * same route under /api/v1 and to the reference.
 */
export const deprecatedAlias: RequestHandler = (req, res, next) => {
  res.setHeader('Deprecation', deprecatedSince);
  res.setHeader('Sunset', sunset);
  // The address as the client sent it, with anything that could end the <...> or the header escaped.
  const successor = `${API_V1}${req.url}`.replace(/[^\x21-\x7e]|[<>"]/g, (c) => encodeURIComponent(c));
  res.setHeader('Link', `<${successor}>; rel="successor-version", <${API_V1}/docs>; rel="deprecation"; type="text/html"`);
  next();
};
