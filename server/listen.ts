import { once } from 'node:events';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { serve } from '@hono/node-server';
import type { WebSocketServer } from 'ws';
import type { HttpConfig } from './config.js';

/*
 * The HTTP server the hub listens with, for main.ts and the tests alike. Node's defaults let
 * a client that sends half a request and goes silent hold its socket for minutes; here every
 * stage of a connection has a bound: headers, the whole request, idle keep-alive, and the
 * WebSocket upgrade, which Node hands over with its headers parsed and no timer left on it.
 */

export interface Listenable {
  app: { fetch: (request: Request, env: never) => Response | Promise<Response> };
  injectWebSocket(server: Server): void;
  wss: WebSocketServer;
}

export interface Listening {
  server: Server;
  port: number;
}

export async function listen(hub: Listenable, o: { port: number; host: string; http: HttpConfig }): Promise<Listening> {
  const { http } = o;
  const server = serve({
    fetch: hub.app.fetch as (request: Request) => Response | Promise<Response>,
    port: o.port,
    hostname: o.host,
    serverOptions: {
      headersTimeout: http.headersTimeoutMs,
      requestTimeout: http.requestTimeoutMs,
      connectionsCheckingInterval: http.connectionsCheckIntervalMs,
    },
  }) as Server;
  server.keepAliveTimeout = http.keepAliveTimeoutMs;
  server.maxRequestsPerSocket = http.maxRequestsPerSocket;
  server.maxConnections = http.maxConnections;
  boundUpgrades(server, hub.wss, http.upgradeAuthTimeoutMs);
  hub.injectWebSocket(server);
  if (!server.listening) await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port };
}

/** An upgrade request the route has not answered with a 101 within `ms` gets a 503 and is closed. */
function boundUpgrades(server: Server, wss: WebSocketServer, ms: number): void {
  const waiting = new Map<IncomingMessage, () => void>();
  server.on('upgrade', (request: IncomingMessage, socket: Duplex) => {
    const timer = setTimeout(() => {
      forget();
      // Retryable: a slow authorization (database) is the likely cause for a real client.
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', () => socket.destroy());
      setTimeout(() => socket.destroy(), 1000).unref();
    }, ms);
    timer.unref();
    function forget(): void {
      clearTimeout(timer);
      waiting.delete(request);
      socket.off('close', forget);
    }
    waiting.set(request, forget);
    socket.once('close', forget);
  });
  // Answered: nothing of the upgrade request may stay reachable from the socket for its lifetime.
  wss.on('connection', (_ws, request: IncomingMessage) => waiting.get(request)?.());
}
