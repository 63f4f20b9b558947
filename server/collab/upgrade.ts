import { Hono } from 'hono';
import type { UpgradeWebSocket } from 'hono/ws';
import type { WebSocket } from 'ws';
import { savedParam } from '../../shared/collab-protocol.js';
import { CloseCodes } from '../../shared/errors.js';
import type { CollabConfig } from '../config.js';
import type { AppEnv } from '../env.js';
import { ApiError } from '../errors.js';
import { fromOwnPage } from '../middleware/same-origin.js';
import { releaseUpgradeRequest } from '../upgrade-request.js';
import { Connection } from './connection.js';
import type { LiveDocument } from './document.js';
import type { AccessDecision, Authorizer } from './extensions/authorization.js';
import type { Hub } from './hub.js';
import type { SharedBuckets, SocketCounter } from './rate.js';
import { receive } from './receiver.js';

/*
 * GET /collab/:documentId → WebSocket. Authorization happens before the 101, so a
 * refused client gets a close code it can act on (44xx: do not retry) rather than
 * a failed handshake, which y-websocket would retry forever.
 */

export interface UpgradeContext {
  hub: Hub;
  authorizer: Authorizer;
  limits: CollabConfig;
  connections: Set<Connection>;
  /** Bumped by every access event; a connection authorized across a bump is checked again. */
  accessEpoch(): number;
  recheck(conn: Connection): void;
  /** Messages per user across their connections; sockets per user and per address. */
  userMessages: SharedBuckets;
  socketsPerUser: SocketCounter;
  socketsPerAddress: SocketCounter;
  /** The hub's own address (OVERENS_PUBLIC_URL), if configured. */
  publicUrl: string | null;
  closing(): boolean;
  report(message: string, err?: unknown): void;
}

export function collabRoutes(
  ctx: UpgradeContext,
  upgradeWebSocket: UpgradeWebSocket<WebSocket, { onError: (err: unknown) => void }>,
): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/:documentId',
    async (c, next) => {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return c.text('Upgrade Required: this is a WebSocket endpoint.', 426);
      // Cross-site WebSocket hijacking: a page elsewhere opening this socket would ride on the
      // browser's cookie. Browsers always send Origin; a token is no ambient credential, so token
      // clients may come from anywhere.
      if (!c.req.query('token') && !fromOwnPage(c, ctx.publicUrl)) {
        throw new ApiError('forbidden', 'This WebSocket accepts a session cookie only from the hub’s own pages.');
      }
      await next();
    },
    upgradeWebSocket(
      async (c) => {
        const documentId = c.req.param('documentId') ?? '';
        const epoch = ctx.accessEpoch();
        let decision: AccessDecision;
        try {
          decision = ctx.closing()
            ? { ok: false, close: 'serverShutdown' }
            : await ctx.authorizer.connect(c.get('session'), c.req.query('token'), documentId);
        } catch (err) {
          ctx.report(`authorizing a connection to ${documentId}`, err);
          decision = { ok: false, close: 'internalError' };
        }
        const address = remoteAddress(c.env);
        // Read now: the event handlers below then keep nothing of the request alive.
        const wantsSaved = c.req.query(savedParam) === '1';
        const releaseRequest = releaseUpgradeRequest(c.env);
        let session: ReturnType<typeof openConnection> | null = null;
        return {
          onOpen(_evt, ws) {
            releaseRequest();
            const socket = ws.raw!;
            if (!decision.ok) {
              const { code, reason } = CloseCodes[decision.close];
              socket.close(code, reason);
              return;
            }
            const { principal } = decision;
            if (!ctx.socketsPerUser.add(principal.userId)) {
              const { code, reason } = CloseCodes.tooManyConnections;
              socket.close(code, reason);
              return;
            }
            if (!ctx.socketsPerAddress.add(address)) {
              ctx.socketsPerUser.remove(principal.userId);
              const { code, reason } = CloseCodes.tooManyConnections;
              socket.close(code, reason);
              return;
            }
            const conn = new Connection(socket, {
              documentId,
              principal,
              permission: decision.permission,
              frozen: decision.frozen,
              governingId: decision.governingId,
              wantsSaved,
              messagesPerSecond: ctx.limits.messagesPerSecond,
              takeUserToken: () => ctx.userMessages.take(principal.userId),
              maxBufferedBytes: ctx.limits.maxSendBufferBytes,
              awarenessPerSecond: ctx.limits.awarenessPerSecond,
            });
            conn.onClose(() => {
              ctx.socketsPerUser.remove(principal.userId);
              ctx.socketsPerAddress.remove(address);
            });
            const opened = openConnection(ctx, conn);
            session = opened;
            // Frames straight from ws, not through Hono's onMessage: that copies every frame into a
            // new ArrayBuffer and wraps it in a MessageEvent, per frame, for nothing. Attached here,
            // synchronously in the open event, no frame can arrive before it.
            socket.on('message', (data: Buffer, isBinary: boolean) => opened.frame(data, isBinary));
            if (epoch !== ctx.accessEpoch()) ctx.recheck(conn);
          },
          onClose() {
            session?.conn.markClosed();
          },
        };
      },
      { onError: (err) => ctx.report('websocket', err) },
    ),
  );
}

function remoteAddress(env: unknown): string {
  return (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** No Origin (not a browser), the configured public origin, or the host the request was sent to. */
/**
 * Holds frames until the document is loaded (and while access is being re-checked), then
 * hands each to the receiver in order.
 */
function openConnection(ctx: UpgradeContext, conn: Connection) {
  const { hub } = ctx;
  let doc: LiveDocument | null = null;
  const waiting: Uint8Array[] = [];
  ctx.connections.add(conn);

  const handle = (frame: Uint8Array, d: LiveDocument) => {
    try {
      receive(hub, conn, d, frame, ctx.limits, ctx.report);
    } catch (err) {
      // A bug here must cost one connection, not the process.
      ctx.report(`document ${d.id}: unexpected error handling a frame`, err);
      conn.close('internalError');
    }
  };

  hub.acquire(conn.documentId).then(
    (d) => {
      if (conn.closed) {
        hub.release(conn.documentId);
        return;
      }
      doc = d;
      d.attach(conn);
      drain();
    },
    (err: unknown) => {
      ctx.report(`document ${conn.documentId}: could not load`, err);
      conn.close('internalError');
    },
  );

  function drain(): void {
    while (doc && !conn.held && !conn.closed && waiting.length) handle(waiting.shift()!, doc);
  }
  conn.onRelease(drain);

  conn.onClose(() => {
    ctx.connections.delete(conn);
    waiting.length = 0;
    if (doc) {
      doc.detach(conn);
      hub.release(conn.documentId);
    }
  });

  return {
    conn,
    frame(frame: Buffer, isBinary: boolean) {
      if (conn.closed) return;
      if (!conn.takeMessageToken()) {
        conn.close('rateLimited');
        return;
      }
      if (!isBinary) {
        // y-websocket speaks binary only; a text frame is not ours.
        conn.close('malformedMessage');
        return;
      }
      if (doc && !conn.held && waiting.length === 0) handle(frame, doc);
      else waiting.push(frame);
    },
  };
}
