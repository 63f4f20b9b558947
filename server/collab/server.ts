// PLACEHOLDER: replaced by the collaboration server (issue 3).
import { Hono } from 'hono';
import type { UpgradeWebSocket } from 'hono/ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { AppEnv, Deps } from '../env.js';

export interface CollabServer {
  /** Sub-app mounted at /collab: GET /collab/:documentId upgrades to y-websocket. */
  routes: Hono<AppEnv>;
  /** Flush pending writes and close every connection (graceful shutdown). */
  close(): Promise<void>;
}

export function createCollabServer(
  _deps: Deps,
  _upgradeWebSocket: UpgradeWebSocket<WebSocket, { onError: (err: unknown) => void }>,
  _wss: WebSocketServer,
): CollabServer {
  return { routes: new Hono<AppEnv>(), close: async () => {} };
}
