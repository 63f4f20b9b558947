import http from 'node:http';
import { createRequire } from 'node:module';
import type { WebSocket, WebSocketServer } from 'ws';

/*
 * The y-websocket reference server (1.5.x `bin/utils`, the last release that ships one) as its
 * own bin/server.js runs it, in memory: no YPERSISTENCE, so it stores nothing. The document name
 * is the URL path. Run by the peer benchmark as a separate process: PORT.
 */

// bin/utils is CommonJS without types; `ws` is the one y-websocket 1.5 depends on (6.x), as in its bin/server.js.
const requireLegacy = createRequire(createRequire(import.meta.url).resolve('y-websocket-legacy/bin/utils'));
const { setupWSConnection } = requireLegacy('./utils.js') as { setupWSConnection: (conn: WebSocket, req: http.IncomingMessage) => void };
const { Server } = requireLegacy('ws') as { Server: new (options: { noServer: true }) => WebSocketServer };

const wss = new Server({ noServer: true });
wss.on('connection', setupWSConnection);
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('okay');
});
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`y-websocket is running at ws://127.0.0.1:${process.env.PORT}`));

// Exit on SIGTERM (the benchmark's stop) like the hub does, so --cpu-prof writes its profile.
process.on('SIGTERM', () => process.exit(0));
