import { Hono } from 'hono';
import type { UpgradeWebSocket } from 'hono/ws';
import type { WebSocket } from 'ws';
import { CloseCodes } from '../../shared/errors.js';
import { livePing, sinceParam } from '../../shared/live.js';
import type { Config } from '../config.js';
import type { AppEnv } from '../env.js';
import { ApiError } from '../errors.js';
import { fromOwnPage } from '../middleware/same-origin.js';
import type { ConnectDecision, LiveChannels } from './channel.js';
import { LiveSocket } from './socket.js';
import { releaseUpgradeRequest } from '../upgrade-request.js';

/*
 * GET /live/:documentId?since=N → WebSocket, server to client only (docs/api.md,
 * "Live channel"). A WebSocket rather than Server-Sent Events: a browser opens at most
 * six HTTP/1.1 connections per host, and every open document tab would hold one of
 * them for its stream, starving the API's own fetches; WebSockets do not count
 * against that limit. Authorisation happens before the 101 and a refusal is a close
 * code (44xx: do not retry), like /collab.
 */

/**
 * The session cookie goes with any page's request, so a page of another site could
 * open this socket as the user (WebSockets are not bound by CORS): only our own origin
 * may. A client without an Origin header is not a browser and cannot borrow a cookie.
 */
export function liveRoutes(
  channels: LiveChannels,
  config: Config,
  upgradeWebSocket: UpgradeWebSocket<WebSocket, { onError: (err: unknown) => void }>,
  report: (message: string, err?: unknown) => void,
): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/:documentId',
    async (c, next) => {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return c.text('Upgrade Required: this is a WebSocket endpoint.', 426);
      if (!fromOwnPage(c, config.publicUrl)) throw new ApiError('forbidden', 'The live channel is open to pages of this hub only.');
      await next();
    },
    upgradeWebSocket(
      async (c) => {
        const documentId = c.req.param('documentId') ?? '';
        const epoch = channels.epoch();
        let decision: ConnectDecision;
        try {
          decision = await channels.authorize(c.get('session'), documentId, c.req.query(sinceParam));
        } catch (err) {
          report(`authorizing a live channel to ${documentId}`, err);
          decision = { ok: false, close: 'internalError' };
        }
        const releaseRequest = releaseUpgradeRequest(c.env);
        let live: LiveSocket | null = null;
        return {
          onOpen(_evt, ws) {
            releaseRequest();
            const socket = ws.raw!;
            if (!decision.ok) {
              const { code, reason } = CloseCodes[decision.close];
              socket.close(code, reason);
              return;
            }
            live = new LiveSocket(socket, decision.info, decision.lastSent);
            void channels.join(live, decision.reset, epoch);
          },
          onMessage(evt) {
            if (!live || live.closed) return;
            if (evt.data === livePing) live.pinged();
            else live.close('unknownMessageType');
          },
          onClose() {
            live?.markClosed();
          },
        };
      },
      { onError: (err) => report('websocket', err) },
    ),
  );
}
