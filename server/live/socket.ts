import type { WebSocket } from 'ws';
import { type CloseCodeName, CloseCodes } from '../../shared/errors.js';
import type { LiveFrame } from '../../shared/live.js';

/*
 * One browser's live channel on one document, and the only code that writes to its
 * socket. The channel only ever sends; what the client may send is a keep-alive.
 */

export interface LiveSocketInfo {
  documentId: string;
  /** The document whose parties decide access (the agreement of a bilaga). */
  governingId: string;
  userId: string;
  sessionId: string;
}

// A page that stops reading (a frozen tab) must not make the server queue for it without end.
const maxBufferedBytes = 4 * 1024 * 1024;

export class LiveSocket {
  closed = false;
  /** Cleared by a ping, set by the pong: a socket that stays unset is dead. */
  private alive = true;
  private lastPongSentAt = 0;
  private readonly closeListeners: Array<() => void> = [];

  constructor(
    private readonly socket: WebSocket,
    readonly info: LiveSocketInfo,
    /** The seq of the last event this client has (been sent or told it has). */
    public lastSent: number,
  ) {
    socket.on('pong', () => {
      this.alive = true;
    });
  }

  get documentId(): string {
    return this.info.documentId;
  }

  send(frame: LiveFrame): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > maxBufferedBytes) {
      this.close('backpressure');
      return;
    }
    this.socket.send(JSON.stringify(frame));
  }

  /** The client's keep-alive: answered at most once a second, so it cannot make the server work. */
  pinged(): void {
    const t = Date.now();
    if (t - this.lastPongSentAt < 1000) return;
    this.lastPongSentAt = t;
    this.send({ type: 'pong' });
  }

  close(name: CloseCodeName): void {
    if (this.closed) return;
    const { code, reason } = CloseCodes[name];
    this.markClosed();
    try {
      this.socket.close(code, reason);
    } catch {
      this.socket.terminate();
    }
  }

  markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.closeListeners.splice(0)) listener();
  }

  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  /** Liveness: a socket that did not answer the previous ping is ended. */
  ping(): void {
    if (!this.alive) {
      this.markClosed();
      this.socket.terminate();
      return;
    }
    this.alive = false;
    try {
      this.socket.ping();
    } catch {
      // A socket closing under us answers no ping; the next round ends it.
    }
  }
}
