import type { WebSocket } from 'ws';
import { type CloseCodeName, CloseCodes } from '../../shared/errors.js';
import type { CollabPermission } from '../../shared/permissions.js';
import type { Peer } from './document.js';
import { encode } from './messages.js';
import { AwarenessThrottle, type PresenceEntry } from './presence.js';
import { TokenBucket } from './rate.js';

/*
 * One socket on one document, and the only code that touches the socket. It knows
 * who is on the other end and what they may do, enforces the message rate, and
 * keeps the count behind the opt-in "saved" message.
 */

export interface Principal {
  userId: string;
  isAdmin: boolean;
  /** The session the connection belongs to (the cookie's, or the one that asked for the token). */
  sessionId: string;
  /** Display name, shown to others as this connection's presence. */
  name: string;
  /** Names and short names of the user's parties: the parties its presence may name. */
  parties: string[];
}

export interface ConnectionOptions {
  documentId: string;
  principal: Principal;
  permission: CollabPermission;
  /** The document (or its agreement) is frozen: why a write is refused. */
  frozen: boolean;
  /** The document whose parties decide access (the agreement of a bilaga). */
  governingId: string;
  wantsSaved: boolean;
  messagesPerSecond: number;
  /** Shared by all of this user's connections: false when the user as a whole sends too fast. */
  takeUserToken: () => boolean;
  /** Close a client that stops reading once this much more than its last full-state answer is queued for it. */
  maxBufferedBytes: number;
  awarenessPerSecond: number;
}

let nextId = 1;

type Corkable = { cork(): void; uncork(): void };
/** Sockets holding this tick's frames back, released together by one setImmediate for all of them. */
const corked = new Set<Corkable>();
function uncorkAll(): void {
  for (const net of corked) net.uncork();
  corked.clear();
}

export class Connection implements Peer {
  readonly id = nextId++;
  readonly documentId: string;
  readonly principal: Principal;
  readonly governingId: string;
  readonly wantsSaved: boolean;
  readonly awarenessIds = new Set<number>();
  permission: CollabPermission;
  frozen: boolean;
  closed = false;
  /** Cleared by a ping, set by the pong: a connection that stays unset is dead. */
  alive = true;
  readonly awareness: AwarenessThrottle;
  private readonly messages: TokenBucket;
  private readonly takeUserToken: () => boolean;
  private readonly maxBufferedBytes: number;
  /** Size of the last sync step 2 sent: a client downloading a large document is not a client that stopped reading. */
  private syncAnswerBytes = 0;
  /** While above zero, incoming frames wait (access being re-checked). */
  private holds = 0;
  private releaseListener: (() => void) | null = null;
  /** Update-carrying frames received, and those of them still waiting for their commit (in order). */
  private updatesReceived = 0;
  private readonly updatesInFlight = new Set<number>();
  /** Updates of this connection between receipt and commit, and the presence that waits for them. */
  private writesPending = 0;
  private readonly heldPresence = new Map<number, PresenceEntry>();
  private deliverPresence: ((entries: PresenceEntry[]) => void) | null = null;
  private savedSent = 0;
  private savedScheduled = false;
  private readonly closeListeners: Array<() => void> = [];

  constructor(
    private readonly socket: WebSocket,
    options: ConnectionOptions,
  ) {
    this.documentId = options.documentId;
    this.principal = options.principal;
    this.permission = options.permission;
    this.frozen = options.frozen;
    this.governingId = options.governingId;
    this.wantsSaved = options.wantsSaved;
    this.messages = new TokenBucket(options.messagesPerSecond);
    this.takeUserToken = options.takeUserToken;
    this.maxBufferedBytes = options.maxBufferedBytes;
    this.awareness = new AwarenessThrottle(options.awarenessPerSecond);
    socket.on('pong', () => {
      this.alive = true;
    });
  }

  get userId(): string {
    return this.principal.userId;
  }

  send(frame: Uint8Array): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > this.maxBufferedBytes + this.syncAnswerBytes) {
      this.close('backpressure');
      return;
    }
    this.cork();
    // ws writes a Uint8Array without copying: frames shared by many connections stay one buffer.
    this.socket.send(frame, { binary: true });
  }

  /** A sync step 2 answer: it may be a whole document, which a slow but reading client needs time for. */
  sendSyncAnswer(frame: Uint8Array): void {
    this.send(frame);
    this.syncAnswerBytes = frame.byteLength;
  }

  /** Holds incoming frames until the matching release(). */
  hold(): void {
    this.holds++;
  }

  release(): void {
    if (this.holds > 0 && --this.holds === 0) this.releaseListener?.();
  }

  get held(): boolean {
    return this.holds > 0;
  }

  onRelease(listener: () => void): void {
    this.releaseListener = listener;
  }

  /**
   * Holds this tick's frames back and writes them together when the tick ends: a busy
   * document sends many small frames, and one writev beats one per frame.
   */
  private cork(): void {
    const net = (this.socket as unknown as { _socket?: Corkable })._socket;
    if (!net || corked.has(net)) return;
    if (corked.size === 0) setImmediate(uncorkAll);
    corked.add(net);
    net.cork();
  }

  /** Stop reading from the socket: TCP pushes back on the client until resume(). */
  pauseReading(): void {
    if (!this.closed && !this.socket.isPaused) this.socket.pause();
  }

  resumeReading(): void {
    if (this.socket.isPaused) this.socket.resume();
  }

  /** False when this connection, or its user across all connections, has used up its burst. */
  takeMessageToken(): boolean {
    return this.messages.take() && this.takeUserToken();
  }

  close(name: CloseCodeName, reason: string = CloseCodes[name].reason): void {
    if (this.closed) return;
    const { code } = CloseCodes[name];
    this.markClosed();
    try {
      this.socket.close(code, reason);
    } catch {
      this.socket.terminate();
    }
  }

  /** The socket is gone (closed by either side): run cleanup once. */
  markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.awareness.stop();
    this.heldPresence.clear();
    this.deliverPresence = null;
    this.releaseListener = null;
    for (const listener of this.closeListeners.splice(0)) listener();
  }

  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  /** Liveness check: true while the peer answered the previous ping. */
  ping(): boolean {
    if (!this.alive) {
      this.markClosed();
      this.socket.terminate();
      return false;
    }
    this.alive = false;
    try {
      this.socket.ping();
    } catch {
      // A socket closing under us answers no ping; the next round terminates it.
    }
    return true;
  }

  /**
   * Presence sent while this connection's own updates are still on their way to the database waits
   * for them (the latest state per client id): a caret placed after a just-typed letter means
   * nothing to others until they have the letter, and the two then leave in the same write.
   */
  afterOwnWrites(entries: PresenceEntry[], deliver: (entries: PresenceEntry[]) => void): void {
    if (this.writesPending === 0) {
      deliver(entries);
      return;
    }
    for (const e of entries) {
      const before = this.heldPresence.get(e.clientId);
      if (!before || before.clock <= e.clock) this.heldPresence.set(e.clientId, e);
    }
    this.deliverPresence = deliver;
  }

  /** Counts an update-carrying frame; `stored` when it waits for a commit before it counts as saved. */
  updateReceived(stored: boolean): number {
    const seq = ++this.updatesReceived;
    if (stored) this.writesPending++;
    // Only opted-in connections need the bookkeeping.
    if (!this.wantsSaved) return seq;
    if (stored) this.updatesInFlight.add(seq);
    else this.scheduleSaved();
    return seq;
  }

  updateStored(seq: number): void {
    if (--this.writesPending === 0 && this.heldPresence.size > 0 && !this.closed) {
      const held = [...this.heldPresence.values()];
      this.heldPresence.clear();
      this.deliverPresence?.(held);
    }
    if (!this.wantsSaved) return;
    this.updatesInFlight.delete(seq);
    this.scheduleSaved();
  }

  /** Frames 1..n of this connection are all stored or needed no storing. */
  private savedThrough(): number {
    const oldest = this.updatesInFlight.values().next();
    return oldest.done ? this.updatesReceived : oldest.value - 1;
  }

  private scheduleSaved(): void {
    if (!this.wantsSaved || this.savedScheduled) return;
    this.savedScheduled = true;
    // One saved message per tick at most, however many commits completed in it.
    setImmediate(() => {
      this.savedScheduled = false;
      const n = this.savedThrough();
      if (n > this.savedSent) {
        this.savedSent = n;
        this.send(encode.saved(n));
      }
    });
  }
}
