import type { JSONContent } from '@tiptap/core';
import type { Hono } from 'hono';
import type { UpgradeWebSocket } from 'hono/ws';
import type * as Y from 'yjs';
import type { TextAnchor } from '../../shared/anchor.js';
import type { WebSocket, WebSocketServer } from 'ws';
import type { AppEnv, Deps } from '../env.js';
import { type ResolvedAnchor, resolveAnchors } from './anchors.js';
import { ApiError } from '../errors.js';
import type { Connection } from './connection.js';
import { replaceContent, toJson, toText } from './content.js';
import { Origin } from './document.js';
import { Authorizer } from './extensions/authorization.js';
import { applyStoredState, type CompactionResult, UpdateLog } from './extensions/persistence.js';
import { type RelayedEvent, RedisFanout } from './extensions/redis.js';
import { Hub, type HubHooks } from './hub.js';
import { SharedBuckets, SocketCounter } from './rate.js';
import { collabRoutes } from './upgrade.js';

/*
 * The live co-editing server, wired together: the upgrade route, the hub of live
 * documents, persistence, authorization (and its re-checks on access events),
 * and Redis fan-out when REDIS_URL is set. See docs/collab.md.
 */

export interface CollabServer {
  /** Sub-app mounted at /collab: GET /collab/:documentId upgrades to y-websocket. */
  routes: Hono<AppEnv>;
  /** Resolves once optional parts (Redis) are connected; rejects if they cannot be. */
  ready: Promise<void>;
  /** Flush pending writes and close every connection (graceful shutdown). */
  close(): Promise<void>;
  /** The document as TipTap JSON, in the editor's schema (shared until the text changes: do not modify it). */
  documentJson(documentId: string): Promise<JSONContent>;
  /** The document as plain text, one line per block. */
  documentText(documentId: string): Promise<string>;
  /** Where each anchor is in the document now (one read for the whole list; see anchors.ts). */
  resolveAnchors(documentId: string, anchors: readonly (TextAnchor | null)[]): Promise<ResolvedAnchor[]>;
  /** Change the document on the server through the durable path; connected clients see it once stored. */
  applyServerChange(documentId: string, change: (doc: Y.Doc) => void): Promise<{ changed: boolean }>;
  /** Make the document's content equal `json` (templates, restoring a version). */
  setDocumentJson(documentId: string, json: JSONContent): Promise<{ changed: boolean }>;
  /** Merge the document's update log into its snapshot now. */
  compact(documentId: string): Promise<CompactionResult | null>;
  /** Resolves once every update received so far is stored. */
  flush(): Promise<void>;
  stats(): { loadedDocuments: string[]; connections: number; commits: number; storedUpdates: number };
}

const pingIntervalMs = 30_000;

export function createCollabServer(
  deps: Deps,
  upgradeWebSocket: UpgradeWebSocket<WebSocket, { onError: (err: unknown) => void }>,
  wss: WebSocketServer,
): CollabServer {
  const limits = deps.config.collab;
  // ws closes a connection whose frame exceeds this with 1009 before any of our code sees it.
  wss.options.maxPayload = limits.maxFrameBytes;

  const report = (message: string, err?: unknown) => {
    if (deps.config.logLevel !== 'silent') console.error(`[collab] ${message}`, err ?? '');
  };
  const log = new UpdateLog(deps.db);
  const authorizer = new Authorizer(deps.db);
  const connections = new Set<Connection>();
  const hooks: HubHooks[] = [];
  let accessEpoch = 0;
  let closing = false;

  const fanout = deps.config.redisUrl
    ? new RedisFanout({
        url: deps.config.redisUrl,
        prefix: limits.redisPrefix,
        report,
        onEvent: (event) => handleEvent(event),
        catchUp: async (doc) => applyStoredState(doc.ydoc, await log.load(doc.id), Origin.relay, () => {}),
      })
    : null;
  if (fanout) hooks.push(fanout);
  const hub = new Hub(log, limits, hooks, report);

  async function recheckOne(conn: Connection): Promise<void> {
    // Until the answer is in, nothing this connection sends is acted on: an update that arrives
    // after the change that took access away must not be stored on the strength of the old right.
    conn.hold();
    try {
      const decision = await authorizer.recheck(conn.principal, conn.documentId);
      if (conn.closed) return;
      if (decision.ok) {
        conn.permission = decision.permission;
        conn.frozen = decision.frozen;
      }
      else conn.close(decision.close);
    } catch (err) {
      report(`re-checking access to ${conn.documentId}`, err);
      // Unsure whether access remains: end the connection; the reconnect is authorized afresh.
      conn.close('internalError');
    } finally {
      conn.release();
    }
  }

  function recheckWhere(match: (conn: Connection) => boolean): void {
    accessEpoch++;
    for (const conn of connections) if (match(conn)) void recheckOne(conn);
  }

  function handleEvent(event: RelayedEvent): void {
    switch (event.type) {
      case 'membership.changed':
        recheckWhere((c) => c.principal.userId === event.userId);
        break;
      case 'document.access.changed':
        // A bilaga follows its agreement: its connections depend on the agreement's status and parties.
        recheckWhere((c) => c.documentId === event.documentId || c.governingId === event.documentId);
        break;
      case 'user.disabled':
        accessEpoch++;
        for (const conn of connections) if (conn.principal.userId === event.userId) conn.close('accessRevoked');
        break;
      case 'session.ended': {
        // A token connection's authorization may already be past the session check: check it again.
        accessEpoch++;
        const ended = new Set(event.sessionIds);
        for (const conn of connections) if (ended.has(conn.principal.sessionId)) conn.close('sessionEnded');
        break;
      }
    }
  }

  const local = {
    membership: (e: { userId: string; partyId: string }) => relay({ type: 'membership.changed', ...e }),
    access: (e: { documentId: string }) => relay({ type: 'document.access.changed', ...e }),
    disabled: (e: { userId: string }) => relay({ type: 'user.disabled', ...e }),
    sessionEnded: (e: { sessionIds: string[]; userId: string }) => relay({ type: 'session.ended', ...e }),
  };
  function relay(event: RelayedEvent): void {
    handleEvent(event);
    fanout?.publishEvent(event);
  }
  deps.events.on('membership.changed', local.membership);
  deps.events.on('document.access.changed', local.access);
  deps.events.on('user.disabled', local.disabled);
  deps.events.on('session.ended', local.sessionEnded);

  const ping = setInterval(() => {
    for (const conn of connections) conn.ping();
  }, pingIntervalMs);
  ping.unref();

  const ready = fanout ? fanout.start() : Promise.resolve();
  ready.catch((err: unknown) => report('redis: not reachable at start; relaying resumes when it answers', err));

  const routes = collabRoutes(
    {
      hub,
      authorizer,
      limits,
      connections,
      accessEpoch: () => accessEpoch,
      recheck: (conn) => void recheckOne(conn),
      userMessages: new SharedBuckets(limits.userMessagesPerSecond),
      socketsPerUser: new SocketCounter(limits.maxSocketsPerUser),
      socketsPerAddress: new SocketCounter(limits.maxSocketsPerAddress),
      publicUrl: deps.config.publicUrl,
      closing: () => closing,
      report,
    },
    upgradeWebSocket,
  );

  async function existing(documentId: string): Promise<void> {
    const row = await deps.db.selectFrom('documents').select('id').where('id', '=', documentId).executeTakeFirst();
    if (!row) throw new ApiError('notFound', 'No such document.');
  }

  // The text as JSON per loaded Y.Doc, until its next update: the agreement page asks for the
  // version hash on every load, and converting a long text is the costly part of it.
  const jsonCache = new WeakMap<Y.Doc, { json: JSONContent | null }>();
  async function cachedJson(documentId: string): Promise<JSONContent> {
    await existing(documentId);
    return hub.withDocument(documentId, (doc) => {
      let entry = jsonCache.get(doc.ydoc);
      if (!entry) {
        const created = { json: null as JSONContent | null };
        doc.ydoc.on('update', () => {
          created.json = null;
        });
        jsonCache.set(doc.ydoc, (entry = created));
      }
      if (!entry.json) {
        const copy = doc.copy();
        try {
          entry.json = toJson(copy);
        } finally {
          copy.destroy();
        }
      }
      return entry.json;
    });
  }

  async function readCopy<T>(documentId: string, read: (copy: Y.Doc) => T): Promise<T> {
    await existing(documentId);
    return hub.withDocument(documentId, (doc) => {
      const copy = doc.copy();
      try {
        return read(copy);
      } finally {
        copy.destroy();
      }
    });
  }

  return {
    routes,
    ready,
    async close() {
      if (closing) return;
      closing = true;
      clearInterval(ping);
      deps.events.off('membership.changed', local.membership);
      deps.events.off('document.access.changed', local.access);
      deps.events.off('user.disabled', local.disabled);
      deps.events.off('session.ended', local.sessionEnded);
      for (const conn of [...connections]) conn.close('serverShutdown');
      await hub.close();
      await fanout?.close();
    },
    documentJson: cachedJson,
    documentText: (id) => readCopy(id, toText),
    async resolveAnchors(id, anchors) {
      // Nothing to place: no need to load the document.
      if (anchors.every((a) => a === null)) return anchors.map(() => ({ text: null, from: null }));
      return readCopy(id, (copy) => resolveAnchors(copy, anchors));
    },
    async applyServerChange(id, change) {
      await existing(id);
      return hub.change(id, change);
    },
    async setDocumentJson(id, json) {
      await existing(id);
      return hub.change(id, (doc) => replaceContent(doc, json));
    },
    compact: (id) => hub.compact(id),
    flush: () => log.flushed(),
    stats: () => ({
      loadedDocuments: hub.loadedIds(),
      connections: connections.size,
      commits: log.stats.commits,
      storedUpdates: log.stats.rows,
    }),
  };
}
