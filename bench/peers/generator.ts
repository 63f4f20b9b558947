import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { documentFragment } from '../../shared/editor/extensions.js';

/*
 * The load generator of the peer benchmark, one child process of bench/peers/run.ts (two for
 * the largest point). The same for every server: stock providers, each client typing one
 * character per Yjs transaction into the first paragraph of the editor's fragment at a set
 * rate, with or without a cursor in awareness. Latency is from the keystroke to the moment the
 * character is integrated in another client's Y.Doc; every character is expected at every other
 * client of its document.
 *
 * Protocol with the parent (IPC): spec → "ready"; edit (typing starts: warm-up); measure (only
 * keystrokes from now on are counted); stop (typing stops, wait for the deliveries) → result.
 */

export type Peer = 'hub' | 'ywebsocket' | 'hocuspocus';

export interface GeneratorSpec {
  peer: Peer;
  /** One URL per server instance; client i of a document connects to urls[i % urls.length]. */
  urls: string[];
  docs: Array<{ name: string; token?: string }>;
  clients: number;
  /** Keystrokes per second per client. */
  rate: number;
  awareness: boolean;
}

export type Command = { type: 'spec'; spec: GeneratorSpec } | { type: 'edit' } | { type: 'measure' } | { type: 'stop'; settleMs: number };

export interface GeneratorResult {
  keystrokes: number;
  expected: number;
  delivered: number;
  latenciesMs: number[];
  cpuSeconds: number;
  lagP99Ms: number;
  measuredSeconds: number;
}

export type Report = { type: 'ready' } | { type: 'result'; result: GeneratorResult } | { type: 'error'; message: string };

interface PeerClient {
  doc: Y.Doc;
  /** The transaction origin of updates that came from the server. */
  origin: unknown;
  awareness: Awareness | null;
  synced(): Promise<void>;
  destroy(): void;
}

// Every y-websocket provider adds a process 'exit' listener; a thousand clients are expected here.
process.setMaxListeners(0);
const polyfill = WebSocket as unknown as typeof globalThis.WebSocket;

function connectClient(spec: GeneratorSpec, url: string, doc: { name: string; token?: string }): PeerClient {
  const ydoc = new Y.Doc();
  if (spec.peer === 'hocuspocus') {
    const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: polyfill });
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: doc.name, document: ydoc, ...(spec.awareness ? {} : { awareness: null }) });
    provider.attach();
    return {
      doc: ydoc,
      origin: provider,
      awareness: provider.awareness,
      synced: () => (provider.isSynced ? Promise.resolve() : new Promise((r) => provider.on('synced', () => r()))),
      destroy() {
        provider.destroy();
        socket.destroy();
        ydoc.destroy();
      },
    };
  }
  const provider = new WebsocketProvider(url, doc.name, ydoc, {
    WebSocketPolyfill: polyfill,
    disableBc: true,
    ...(doc.token ? { params: { token: doc.token } } : {}),
  });
  // Not yet connected, so nothing is sent: without awareness the client never announces a state.
  if (!spec.awareness) provider.awareness.setLocalState(null);
  return {
    doc: ydoc,
    origin: provider,
    awareness: spec.awareness ? provider.awareness : null,
    synced: () =>
      provider.synced
        ? Promise.resolve()
        : new Promise((resolve, reject) => {
            provider.once('sync', (s: boolean) => s && resolve());
            // A refusal (44xx) is final: without this the run would wait forever for a sync that never comes.
            provider.on('connection-close', (event: CloseEvent | null) => {
              if (event && event.code >= 4000) reject(new Error(`${doc.name}: closed with ${event.code} ${event.reason}`));
            });
          }),
    destroy() {
      provider.destroy();
      ydoc.destroy();
    },
  };
}

function paragraphText(doc: Y.Doc): Y.XmlText | null {
  return ((doc.getXmlFragment(documentFragment).get(0) as Y.XmlElement | undefined)?.get(0) as Y.XmlText | undefined) ?? null;
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const send = (report: Report) => process.send!(report);

let spec: GeneratorSpec;
const groups: PeerClient[][] = [];
/** clientID → clock → when that keystroke was made (only keystrokes in the measured window). */
const sentAt = new Map<number, Map<number, number>>();
const latencies: number[] = [];
let measuring = false;
let keystrokes = 0;
let expected = 0;
let delivered = 0;
const timers: NodeJS.Timeout[] = [];
const lagResolutionMs = 5;
const lag = monitorEventLoopDelay({ resolution: lagResolutionMs });
let cpuAtMeasure = process.cpuUsage();
let measureStart = 0;
let measured: Pick<GeneratorResult, 'cpuSeconds' | 'lagP99Ms' | 'measuredSeconds'> | null = null;

async function setUp(s: GeneratorSpec) {
  spec = s;
  // A few documents at a time: a thousand handshakes at once would measure the accept queue.
  const batch = 10;
  for (let i = 0; i < s.docs.length; i += batch) {
    await Promise.all(
      s.docs.slice(i, i + batch).map(async (d) => {
        const clients = Array.from({ length: s.clients }, (_, c) => connectClient(s, s.urls[c % s.urls.length]!, d));
        await Promise.all(clients.map((c) => c.synced()));
        const first = clients[0]!.doc;
        if (!paragraphText(first)) {
          first.transact(() => {
            const p = new Y.XmlElement('paragraph');
            p.insert(0, [new Y.XmlText()]);
            first.getXmlFragment(documentFragment).insert(0, [p]);
          });
        }
        await until(() => clients.every((c) => paragraphText(c.doc) !== null), 30_000, `the first paragraph of ${d.name}`);
        for (const c of clients) {
          if (c.awareness) c.awareness.setLocalStateField('user', { name: `Klient ${c.doc.clientID}`, color: '#1f6feb' });
          c.doc.on('afterTransaction', (tr: Y.Transaction) => {
            if (tr.origin !== c.origin) return;
            const now = performance.now();
            for (const [client, after] of tr.afterState) {
              const times = sentAt.get(client);
              if (!times) continue;
              for (let clock = tr.beforeState.get(client) ?? 0; clock < after; clock++) {
                const t = times.get(clock);
                if (t === undefined) continue;
                delivered++;
                latencies.push(now - t);
              }
            }
          });
        }
        groups.push(clients);
      }),
    );
  }
}

function keystroke(c: PeerClient, others: number) {
  const text = paragraphText(c.doc)!;
  const index = Math.floor(Math.random() * (text.length + 1));
  if (measuring) {
    const clock = Y.getState(c.doc.store, c.doc.clientID);
    let times = sentAt.get(c.doc.clientID);
    if (!times) sentAt.set(c.doc.clientID, (times = new Map()));
    times.set(clock, performance.now());
    keystrokes++;
    expected += others;
  }
  c.doc.transact(() => text.insert(index, String.fromCharCode(97 + (Math.random() * 26) | 0)));
  if (c.awareness) {
    const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index + 1));
    c.awareness.setLocalStateField('cursor', { anchor: at, head: at });
  }
}

function startTyping() {
  const period = 1000 / spec.rate;
  for (const clients of groups) {
    for (const c of clients) {
      // A random phase per client: keystrokes spread over the period rather than arriving in one burst.
      timers.push(
        setTimeout(() => {
          keystroke(c, clients.length - 1);
          timers.push(setInterval(() => keystroke(c, clients.length - 1), period));
        }, Math.random() * period),
      );
    }
  }
}

async function stop(settleMs: number): Promise<GeneratorResult> {
  measuring = false;
  const cpu = process.cpuUsage(cpuAtMeasure);
  measured = {
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    lagP99Ms: Math.max(0, lag.percentile(99) / 1e6 - lagResolutionMs),
    measuredSeconds: (performance.now() - measureStart) / 1000,
  };
  for (const t of timers) clearTimeout(t);
  const deadline = Date.now() + settleMs;
  while (delivered < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  for (const c of groups.flat()) c.destroy();
  return { keystrokes, expected, delivered, latenciesMs: latencies, ...measured };
}

process.on('message', (command: Command) => {
  const fail = (err: unknown) => send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  try {
    if (command.type === 'spec') setUp(command.spec).then(() => send({ type: 'ready' }), fail);
    else if (command.type === 'edit') startTyping();
    else if (command.type === 'measure') {
      measuring = true;
      lag.reset();
      lag.enable();
      cpuAtMeasure = process.cpuUsage();
      measureStart = performance.now();
    } else stop(command.settleMs).then((result) => send({ type: 'result', result }), fail);
  } catch (err) {
    fail(err);
  }
});
