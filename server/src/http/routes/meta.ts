import { Router } from 'express';
import { renderApiDocs } from '../api-docs.js';
import { openApiDocument } from '../openapi.js';
import { on } from '../route-map.js';

/** This API's own description: the OpenAPI document and its reference page (built on first ask). */
export function metaRoutes(): Router {
  const r = Router();
  let built: { json: string; html: string } | undefined;
  const page = () => {
    if (!built) {
      const doc = openApiDocument();
      built = { json: JSON.stringify(doc), html: renderApiDocs(doc) };
    }
    return built;
  };
  on(r, 'meta.openapi', (_req, res) => {
    res.type('application/json').set('Cache-Control', 'no-cache').send(page().json);
  });
  on(r, 'meta.docs', (_req, res) => {
    res.type('html').set('Cache-Control', 'no-cache').send(page().html);
  });
  return r;
}
