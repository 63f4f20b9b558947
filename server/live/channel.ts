import type { CloseCodeName } from '../../shared/errors.js';
import { documentAccess } from '../auth/access.js';
import type { SessionInfo } from '../auth/sessions.js';
import type { Deps } from '../env.js';
import { now } from '../time.js';
import { currentSeqs, eventsAfter, firstKeptAfter, pruneEvents } from './log.js';
import { LiveRelay, type LiveRelayMessage } from './redis.js';
import { LiveSocket, type LiveSocketInfo } from './socket.js';

/*
 * The live channels of one hub instance: which sockets follow which document, how a
 * wake-up turns into frames, and who may keep listening. A wake-up (a local commit, a
 * Redis message, the periodic check) never carries the events: each document's feed
 * reads its log after the last seq it sent, so a duplicate or lost wake-up is harmless
 * and the frames always go out in seq order.
 */

export type ConnectDecision =
  | { ok: true; info: LiveSocketInfo; lastSent: number; reset: boolean }
  | { ok: false; close: CloseCodeName };

const batchSize = 200;
const pingIntervalMs = 30_000;
const pruneIntervalMs = 3600_000;
// Document ids are UUIDs; anything much longer is not worth a query.
const maxIdLength = 100;

/** The sockets of one document and the reads that feed them, one at a time. */
class Feed {
  readonly sockets = new Set<LiveSocket>();
  private tail: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;

  constructor(
    private readonly deps: Deps,
    readonly documentId: string,
  ) {}

  /** Resolves once every event committed before this call has been sent to every socket. */
  wake(): Promise<void> {
    // A read not yet started covers this wake-up too.
    if (this.queued) return this.queued;
    const run = this.tail.then(() => {
      this.queued = null;
      return this.drain();
    });
    this.queued = run;
    this.tail = run.catch(() => {});
    return run;
  }

  /** The lowest seq a socket has: events after it are still to be sent to someone. */
  behind(): number {
    let low = Infinity;
    for (const s of this.sockets) if (!s.closed) low = Math.min(low, s.lastSent);
    return low;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const open = [...this.sockets].filter((s) => !s.closed);
      if (!open.length) return;
      const events = await eventsAfter(this.deps.db, this.documentId, Math.min(...open.map((s) => s.lastSent)), batchSize);
      for (const event of events) {
        for (const s of open) {
          if (event.seq <= s.lastSent) continue;
          s.send({ type: 'event', event });
          s.lastSent = event.seq;
        }
      }
      if (events.length < batchSize) return;
    }
  }
}

export class LiveChannels {
  private readonly feeds = new Map<string, Feed>();
  private readonly relay: LiveRelay | null;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly listeners: Array<() => void> = [];
  /** Bumped by every access event; a socket authorised across a bump is checked again. */
  private accessEpoch = 0;
  private closing = false;
  /** Resolves once Redis (when REDIS_URL is set) is connected; rejects if it does not answer. */
  readonly ready: Promise<void>;

  constructor(private readonly deps: Deps) {
    const { config } = deps;
    this.relay = config.redisUrl
      ? new LiveRelay({
          url: config.redisUrl,
          prefix: config.collab.redisPrefix,
          report: (m, err) => this.report(m, err),
          onMessage: (m) => this.handle(m),
          onResync: () => this.resync(),
        })
      : null;
    this.ready = this.relay ? this.relay.start() : Promise.resolve();
    this.ready.catch((err: unknown) => this.report('redis: not reachable at start; relaying resumes when it answers', err));

    // Local events are handled here and passed on to the other instances.
    const relayed = (type: LiveRelayMessage['type']) => {
      const listener = (e: object) => {
        const message = { ...e, type } as LiveRelayMessage;
        this.handle(message);
        this.relay?.publish(message);
      };
      deps.events.on(type, listener);
      this.listeners.push(() => deps.events.off(type, listener));
    };
    relayed('document.changed');
    relayed('membership.changed');
    relayed('document.access.changed');
    relayed('user.disabled');
    relayed('session.ended');

    this.every(config.live.recheckMs, () => this.checkSeqs());
    this.every(pingIntervalMs, () => {
      for (const feed of this.feeds.values()) for (const s of feed.sockets) s.ping();
    });
    this.every(pruneIntervalMs, () => pruneEvents(deps.db, config.live.keepEvents));
  }

  private every(ms: number, task: () => void | Promise<unknown>): void {
    const timer = setInterval(() => {
      Promise.resolve(task()).catch((err: unknown) => this.report('periodic task', err));
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }

  private report(message: string, err?: unknown): void {
    if (this.deps.config.logLevel !== 'silent') console.error(`[live] ${message}`, err ?? '');
  }

  epoch(): number {
    return this.accessEpoch;
  }

  /** At the upgrade: the session cookie, the same access rule as GET /api/documents/:id, and where to start. */
  async authorize(session: SessionInfo | null, documentId: string, sinceRaw: string | undefined): Promise<ConnectDecision> {
    if (this.closing) return { ok: false, close: 'serverShutdown' };
    if (!session) return { ok: false, close: 'unauthenticated' };
    if (documentId.length > maxIdLength) return { ok: false, close: 'notFound' };
    const access = await documentAccess(this.deps.db, session.user, documentId);
    // Not readable answers like missing: existence is not leaked.
    if (!access?.capabilities.read) return { ok: false, close: 'notFound' };
    const info = { documentId, governingId: access.governingId, userId: session.user.id, sessionId: session.sessionId };
    const current = access.document.event_seq;
    const start = await this.startingPoint(documentId, current, sinceRaw);
    return start === null ? { ok: true, info, lastSent: current, reset: true } : { ok: true, info, lastSent: start, reset: false };
  }

  /** The seq to send from, or null when the client must refetch (since unknown, invalid, or older than what is kept). */
  private async startingPoint(documentId: string, current: number, sinceRaw: string | undefined): Promise<number | null> {
    if (sinceRaw === undefined || sinceRaw === '') return current;
    if (!/^\d{1,15}$/.test(sinceRaw)) return null;
    const since = Number(sinceRaw);
    if (since > current) return null;
    if (since === current) return since;
    if (current - since > this.deps.config.live.keepEvents) return null;
    return (await firstKeptAfter(this.deps.db, documentId, since)) === since + 1 ? since : null;
  }

  /** A socket that passed authorize(): catch it up, then keep it fed. */
  async join(socket: LiveSocket, reset: boolean, epoch: number): Promise<void> {
    let feed = this.feeds.get(socket.documentId);
    if (!feed) this.feeds.set(socket.documentId, (feed = new Feed(this.deps, socket.documentId)));
    feed.sockets.add(socket);
    socket.onClose(() => {
      feed.sockets.delete(socket);
      if (feed.sockets.size === 0 && this.feeds.get(socket.documentId) === feed) this.feeds.delete(socket.documentId);
    });
    if (reset) socket.send({ type: 'reset', seq: socket.lastSent });
    if (epoch !== this.accessEpoch) void this.recheck(socket);
    try {
      await feed.wake();
      socket.send({ type: 'ready', seq: socket.lastSent });
    } catch (err) {
      this.report(`catching up ${socket.documentId}`, err);
      socket.close('internalError');
    }
  }

  private sockets(match: (s: LiveSocket) => boolean): LiveSocket[] {
    const found: LiveSocket[] = [];
    for (const feed of this.feeds.values()) for (const s of feed.sockets) if (!s.closed && match(s)) found.push(s);
    return found;
  }

  private handle(m: LiveRelayMessage): void {
    switch (m.type) {
      case 'document.changed':
        this.wake(m.documentId);
        break;
      case 'membership.changed':
        this.accessEpoch++;
        for (const s of this.sockets((x) => x.info.userId === m.userId)) void this.recheck(s);
        break;
      case 'document.access.changed':
        this.accessEpoch++;
        // A bilaga follows its agreement: its readers depend on the agreement's parties.
        for (const s of this.sockets((x) => x.documentId === m.documentId || x.info.governingId === m.documentId)) void this.recheck(s);
        break;
      case 'user.disabled':
        this.accessEpoch++;
        for (const s of this.sockets((x) => x.info.userId === m.userId)) s.close('accessRevoked');
        break;
      case 'session.ended': {
        this.accessEpoch++;
        const ended = new Set(m.sessionIds);
        for (const s of this.sockets((x) => ended.has(x.info.sessionId))) s.close('unauthenticated');
        break;
      }
    }
  }

  private wake(documentId: string): void {
    const feed = this.feeds.get(documentId);
    feed?.wake().catch((err: unknown) => this.report(`sending events of ${documentId}`, err));
  }

  /** After a change that may have taken access away: the same rule as at the upgrade, lost rights close as revoked. */
  private async recheck(s: LiveSocket): Promise<void> {
    try {
      const { db } = this.deps;
      const [user, session] = await Promise.all([
        db.selectFrom('users').select(['id', 'is_admin', 'disabled']).where('id', '=', s.info.userId).executeTakeFirst(),
        db.selectFrom('sessions').select('expires_at').where('id', '=', s.info.sessionId).executeTakeFirst(),
      ]);
      if (!session || session.expires_at <= now()) return s.close('unauthenticated');
      if (!user || user.disabled) return s.close('accessRevoked');
      const access = await documentAccess(db, user, s.documentId);
      if (!access) return s.close('notFound');
      if (!access.capabilities.read) return s.close('accessRevoked');
    } catch (err) {
      this.report(`re-checking access to ${s.documentId}`, err);
      // Unsure whether access remains: end the socket; the reconnect is authorised afresh.
      s.close('internalError');
    }
  }

  /** A wake-up lost on the way (Redis) is found here: any open document whose log is ahead of what was sent. */
  private async checkSeqs(): Promise<void> {
    if (!this.feeds.size) return;
    const seqs = await currentSeqs(this.deps.db, [...this.feeds.keys()]);
    for (const feed of this.feeds.values()) {
      const seq = seqs.get(feed.documentId);
      if (seq === undefined) for (const s of feed.sockets) void this.recheck(s);
      else if (seq > feed.behind()) this.wake(feed.documentId);
    }
  }

  /** Redis was away: wake-ups and access changes may have been lost. */
  private resync(): void {
    this.accessEpoch++;
    for (const feed of this.feeds.values()) {
      this.wake(feed.documentId);
      for (const s of feed.sockets) void this.recheck(s);
    }
  }

  isClosing(): boolean {
    return this.closing;
  }

  stats(): { documents: number; sockets: number } {
    let sockets = 0;
    for (const feed of this.feeds.values()) sockets += feed.sockets.size;
    return { documents: this.feeds.size, sockets };
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    for (const t of this.timers) clearInterval(t);
    for (const off of this.listeners.splice(0)) off();
    for (const s of this.sockets(() => true)) s.close('serverShutdown');
    await this.relay?.close();
  }
}
