import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { createCollabServer } from './collab/server.js';
import type { AppEnv, Deps } from './env.js';
import { ApiError, errorResponse, toApiError } from './errors.js';
import { createLiveServer } from './live/server.js';
import { csrfProtection } from './middleware/csrf.js';
import { answerOptions } from './middleware/options.js';
import { requestId } from './middleware/request-id.js';
import { loadSession } from './middleware/session.js';
import { publicPages } from './public/routes.js';
import { apiRoutes } from './routes/index.js';
import { serveClient } from './static.js';

export const apiBodyLimitBytes = 1024 * 1024;

/*
 * Only the hub's own scripts, images and connections (the collaboration socket is
 * same-origin: CSP 3 lets 'self' match ws:/wss: of the page's host, as Chromium does).
 * Style sheets only from the hub (TipTap's base styles are bundled, not injected); style
 * *attributes* stay allowed, because ProseMirror and the carets write them, and they run no script.
 * See docs/security.md.
 */
const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  connectSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  styleSrc: ["'self'"],
  styleSrcElem: ["'self'"],
  styleSrcAttr: ["'unsafe-inline'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  objectSrc: ["'none'"],
};

export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  const nodeWs = createNodeWebSocket({ app });
  const collab = createCollabServer(deps, nodeWs.upgradeWebSocket, nodeWs.wss);
  const live = createLiveServer(deps, nodeWs.upgradeWebSocket);

  app.use('*', requestId());
  app.use('*', secureHeaders({ crossOriginEmbedderPolicy: false, contentSecurityPolicy }));
  app.use('*', answerOptions(app));
  app.use('/api/*', bodyLimit({ maxSize: apiBodyLimitBytes, onError: () => { throw new ApiError('payloadTooLarge'); } }));
  app.use('/api/*', loadSession(deps));
  app.use('/api/*', csrfProtection());
  app.use('/collab/*', loadSession(deps));
  app.use('/live/*', loadSession(deps));
  app.use('/p/*', loadSession(deps));
  app.use('/publications/*', loadSession(deps));

  app.route('/api', apiRoutes(deps, collab));
  app.route('/collab', collab.routes);
  app.route('/live', live.routes);
  app.all('/api/*', () => { throw new ApiError('notFound', 'No such API route.'); });
  app.route('/', publicPages(deps));
  serveClient(app, deps.config.clientDir);

  app.onError((err, c) => {
    const apiError = toApiError(err);
    if (apiError.status >= 500 && deps.config.logLevel !== 'silent') {
      console.error(`[${c.get('requestId')}] ${c.req.method} ${c.req.path}`, err);
    }
    return errorResponse(c, apiError);
  });
  app.notFound((c) => errorResponse(c, new ApiError('notFound')));

  return { app, injectWebSocket: nodeWs.injectWebSocket, wss: nodeWs.wss, collab, live };
}

export type HubApp = ReturnType<typeof createApp>;
