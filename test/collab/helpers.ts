import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Kysely } from 'kysely';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MessageType, readSaved } from '../../shared/collab-protocol.js';
import { documentFragment } from '../../shared/editor/extensions.js';
import type { MemberRole } from '../../shared/permissions.js';
import { createApp } from '../../server/app.js';
import { collabSecret, signCollabToken } from '../../server/auth/collab-token.js';
import { hashToken } from '../../server/auth/crypto.js';
import { createSession } from '../../server/auth/sessions.js';
import type { CollabConfig, Config } from '../../server/config.js';
import type { Database, DocumentRow, Party, User } from '../../server/db/database.js';
import type { Deps } from '../../server/env.js';
import { type TestDb, testConfig, testDeps } from '../helpers/db.js';
import { buildDocument, buildParty, buildUser } from '../helpers/factories.js';

/*
 * Real parts for collaboration tests: the whole app on a real HTTP server on
 * port 0, and stock y-websocket providers over the `ws` package.
 */

// Each WebsocketProvider listens for process exit; tests open dozens.
process.setMaxListeners(200);

export interface RunningHub {
  deps: Deps;
  app: ReturnType<typeof createApp>['app'];
  collab: ReturnType<typeof createApp>['collab'];
  /** ws://127.0.0.1:PORT/collab */
  url: string;
  origin: string;
  close(): Promise<void>;
}

export async function startHub(
  tdb: Pick<TestDb, 'db' | 'dialect'>,
  collab: Partial<CollabConfig> = {},
  config: Partial<Config> = {},
): Promise<RunningHub> {
  const deps = testDeps(tdb as TestDb, { ...config, collab: { ...testConfig().collab, ...collab } });
  const hub = createApp(deps);
  const server = serve({ fetch: hub.app.fetch, port: 0, hostname: '127.0.0.1' });
  hub.injectWebSocket(server);
  if (!server.listening) await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    deps,
    app: hub.app,
    collab: hub.collab,
    url: `ws://127.0.0.1:${port}/collab`,
    origin: `http://127.0.0.1:${port}`,
    async close() {
      await Promise.all([hub.collab.close(), hub.live.close()]);
      server.close();
      // Sockets the close handshake left half-open would keep the server alive.
      if ('closeAllConnections' in server) server.closeAllConnections();
    },
  };
}

export interface World {
  owner: Party;
  other: Party;
  doc: DocumentRow;
  editor: User & { password: string };
  commenter: User & { password: string };
  reader: User & { password: string };
  outsider: User & { password: string };
}

/** An agreement of two parties, and people with each role. */
export async function buildWorld(db: Kysely<Database>, o: { status?: string } = {}): Promise<World> {
  const owner = await buildParty(db);
  const other = await buildParty(db);
  const doc = await buildDocument(db, { owner, parties: [other], ...(o.status ? { status: o.status as DocumentRow['status'] } : {}) });
  const user = (party: Party, role: MemberRole) => buildUser(db, { party, role });
  return {
    owner,
    other,
    doc,
    editor: await user(owner, 'editor'),
    commenter: await user(other, 'commenter'),
    reader: await user(other, 'reader'),
    outsider: await buildUser(db, { party: await buildParty(db), role: 'editor' }),
  };
}

export async function tokenFor(db: Kysely<Database>, userId: string, documentId: string): Promise<string> {
  // A token lives as long as the session that asked for it: give it one, as a login would.
  const { token } = await createSession(db, userId, 'collab client');
  const session = await db.selectFrom('sessions').select('id').where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow();
  return signCollabToken(await collabSecret(db), { userId, sessionId: session.id }, documentId).token;
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes the server sent, in order, and their reasons. */
  closeCodes: number[];
  closeReasons: string[];
  /** Frames of type "saved" (100) received, as their counts. */
  saved: number[];
  text(): string;
  /** Appends text to the first paragraph (creating it), as typing at the end would. */
  type(text: string): void;
  synced(): Promise<void>;
  destroy(): void;
}

export interface ClientOptions {
  token?: string;
  cookie?: string;
  /** The Origin header a browser would send with the upgrade. */
  origin?: string;
  saved?: boolean;
  doc?: Y.Doc;
  maxBackoffTime?: number;
}

export function connect(url: string, documentId: string, o: ClientOptions = {}): Client {
  const doc = o.doc ?? new Y.Doc();
  const params: Record<string, string> = {};
  if (o.token) params.token = o.token;
  if (o.saved) params.saved = '1';
  const headers: Record<string, string> = {};
  // The session cookie travels on the upgrade request, as a browser's would.
  if (o.cookie) headers.cookie = o.cookie;
  if (o.origin) headers.origin = o.origin;
  const Polyfill = Object.keys(headers).length
    ? class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers });
        }
      }
    : WebSocket;
  const provider = new WebsocketProvider(url, documentId, doc, {
    WebSocketPolyfill: Polyfill as unknown as typeof globalThis.WebSocket,
    params,
    // Node has BroadcastChannel: without this, clients in one test process would sync around the server.
    disableBc: true,
    maxBackoffTime: o.maxBackoffTime ?? 2500,
  });
  const closeCodes: number[] = [];
  const closeReasons: string[] = [];
  const saved: number[] = [];
  provider.on('connection-close', (event) => {
    if (!event) return;
    closeCodes.push(event.code);
    closeReasons.push(String(event.reason));
  });
  // A per-provider handler, as the hub's browser client registers it.
  provider.messageHandlers[MessageType.saved] = (_encoder, decoder) => {
    saved.push(readSaved(decoder));
  };
  const fragment = doc.getXmlFragment(documentFragment);
  return {
    doc,
    provider,
    closeCodes,
    closeReasons,
    saved,
    text: () => fragmentText(fragment),
    type(text: string) {
      doc.transact(() => {
        let paragraph = fragment.get(0) as Y.XmlElement | undefined;
        if (!paragraph) {
          paragraph = new Y.XmlElement('paragraph');
          paragraph.insert(0, [new Y.XmlText()]);
          fragment.insert(0, [paragraph]);
        }
        const t = paragraph.get(0) as Y.XmlText;
        t.insert(t.length, text);
      });
    },
    synced: () =>
      provider.synced ? Promise.resolve() : new Promise<void>((resolve) => provider.once('sync', (s: boolean) => s && resolve())),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function fragmentText(fragment: Y.XmlFragment): string {
  return fragment
    .toArray()
    .map((node) => (node instanceof Y.XmlElement ? node.toArray().map((t) => (t instanceof Y.XmlText ? plain(t) : '')).join('') : ''))
    .join('\n');
}

function plain(text: Y.XmlText): string {
  return (text.toDelta() as Array<{ insert: unknown }>).map((d) => (typeof d.insert === 'string' ? d.insert : '')).join('');
}

/** Polls until `check` holds (or throws the last failure after `timeoutMs`). */
export async function eventually(check: () => void | boolean | Promise<void | boolean>, timeoutMs = 10_000, stepMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = new Error('condition never held');
  for (;;) {
    try {
      const r = await check();
      if (r !== false) return;
      last = new Error('condition returned false');
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw last;
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Raw ws socket for frames no stock client would send. */
export async function rawSocket(url: string, documentId: string, token: string): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }>; messages: Uint8Array[] }> {
  const ws = new WebSocket(`${url}/${documentId}?token=${encodeURIComponent(token)}`);
  const messages: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  ws.on('error', () => {});
  await once(ws, 'open');
  return { ws, closed, messages };
}

/** Rows of the update log for a document, decoded. */
export async function storedUpdates(db: Kysely<Database>, documentId: string): Promise<Uint8Array[]> {
  const rows = await db.selectFrom('document_updates').select('update').where('document_id', '=', documentId).orderBy('id').execute();
  return rows.map((r) => new Uint8Array(r.update));
}

/** The document as stored (snapshot + log), read straight from the database. */
export async function storedDoc(db: Kysely<Database>, documentId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const snap = await db.selectFrom('document_snapshots').select('state').where('document_id', '=', documentId).executeTakeFirst();
  if (snap) Y.applyUpdate(doc, new Uint8Array(snap.state));
  for (const u of await storedUpdates(db, documentId)) Y.applyUpdate(doc, u);
  return doc;
}

export function storedText(doc: Y.Doc): string {
  return fragmentText(doc.getXmlFragment(documentFragment));
}
