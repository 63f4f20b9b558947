import WebSocket from 'ws';
import type { LiveEvent, LiveFrame } from '../../shared/live.js';
import { eventually } from '../collab/helpers.js';

/* A live-channel client over the `ws` package: the session cookie and Origin on the upgrade, as a browser sends them. */

export interface LiveClient {
  ws: WebSocket;
  frames: LiveFrame[];
  events(): LiveEvent[];
  /** Resolves with the close code and reason once the server closes. */
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves once the first `ready` frame arrived (the catch-up is sent). */
  ready(): Promise<number>;
  /** Waits until `n` events in all have arrived. */
  waitEvents(n: number, timeoutMs?: number): Promise<LiveEvent[]>;
  close(): void;
}

export function openLive(origin: string, documentId: string, o: { cookie?: string; since?: number | string; origin?: string } = {}): LiveClient {
  const url = new URL(`/live/${encodeURIComponent(documentId)}`, origin.replace(/^http/, 'ws'));
  if (o.since !== undefined) url.searchParams.set('since', String(o.since));
  const headers: Record<string, string> = { origin: o.origin ?? origin };
  if (o.cookie) headers.cookie = o.cookie;
  const ws = new WebSocket(url, { headers });
  const frames: LiveFrame[] = [];
  ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString()) as LiveFrame));
  ws.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  const events = () => frames.flatMap((f) => (f.type === 'event' ? [f.event] : []));
  return {
    ws,
    frames,
    events,
    closed,
    async ready() {
      let seq = -1;
      await eventually(() => {
        const f = frames.find((x) => x.type === 'ready');
        if (!f || f.type !== 'ready') return false;
        seq = f.seq;
      }, 10_000, 5);
      return seq;
    },
    async waitEvents(n, timeoutMs = 5000) {
      await eventually(() => events().length >= n, timeoutMs, 5);
      return events();
    },
    close: () => ws.close(),
  };
}

/** The HTTP status of a refused upgrade (the server answered without switching protocols). */
export function upgradeStatus(origin: string, documentId: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/live/${documentId}`, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      ws.close();
      reject(new Error('the upgrade was accepted'));
    });
    ws.on('error', () => {});
  });
}
