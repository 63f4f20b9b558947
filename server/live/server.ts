import type { Hono } from 'hono';
import type { UpgradeWebSocket } from 'hono/ws';
import type { WebSocket } from 'ws';
import type { AppEnv, Deps } from '../env.js';
import { LiveChannels } from './channel.js';
import { liveRoutes } from './upgrade.js';

/* The live channel of document pages, wired together: the upgrade route and the channels (with Redis when REDIS_URL is set). */

export interface LiveServer {
  /** Sub-app mounted at /live: GET /live/:documentId upgrades to the live channel. */
  routes: Hono<AppEnv>;
  /** Resolves once Redis (when configured) is connected; rejects if it cannot be. */
  ready: Promise<void>;
  close(): Promise<void>;
  stats(): { documents: number; sockets: number };
}

export function createLiveServer(deps: Deps, upgradeWebSocket: UpgradeWebSocket<WebSocket, { onError: (err: unknown) => void }>): LiveServer {
  const channels = new LiveChannels(deps);
  const report = (message: string, err?: unknown) => {
    if (deps.config.logLevel !== 'silent') console.error(`[live] ${message}`, err ?? '');
  };
  return {
    routes: liveRoutes(channels, deps.config, upgradeWebSocket, report),
    ready: channels.ready,
    close: () => channels.close(),
    stats: () => channels.stats(),
  };
}
