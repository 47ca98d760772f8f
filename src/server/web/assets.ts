/**
 * The web UI's static files, read once at start-up and served from this origin only (the CSP
 * allows no other): the stylesheet, the pathway graph (Cytoscape.js) and Swagger UI for the API
 * docs, both from their npm packages rather than a CDN.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { apiDocsScript } from '../../web/static/api-docs-script.ts';
import { pathwayScript } from '../../web/static/pathway-script.ts';
import type { AppEnv } from '../env.ts';

interface Asset { readonly body: string; readonly type: string }

const css = 'text/css; charset=utf-8';
const js = 'text/javascript; charset=utf-8';

function loadAssets(): Map<string, Asset> {
  const local = (name: string): string => fileURLToPath(new URL(`../../web/static/${name}`, import.meta.url));
  const packaged = (name: string): string => readFileSync(createRequire(import.meta.url).resolve(name), 'utf8');
  return new Map([
    ['waymark.css', { body: readFileSync(local('waymark.css'), 'utf8'), type: css }],
    ['pathway.js', { body: pathwayScript, type: js }],
    ['cytoscape.min.js', { body: packaged('cytoscape/dist/cytoscape.min.js'), type: js }],
    ['api-docs.js', { body: apiDocsScript, type: js }],
    ['swagger-ui.css', { body: packaged('swagger-ui-dist/swagger-ui.css'), type: css }],
    ['swagger-ui-bundle.js', { body: packaged('swagger-ui-dist/swagger-ui-bundle.js'), type: js }],
  ]);
}

export function addAssetRoutes(app: Hono<AppEnv>): void {
  const assets = loadAssets();
  app.get('/static/:name', (c) => {
    const asset = assets.get(c.req.param('name'));
    if (!asset) return c.text('not found', 404);
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(asset.body, 200, { 'Content-Type': asset.type });
  });
  app.get('/favicon.ico', (c) => c.body(null, 204));
}
