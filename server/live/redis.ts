import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { redisClient } from '../redis-client.js';

/*
 * Scale-out of the live channel: each instance publishes what its own live sockets
 * elsewhere must hear (a document's log grew; someone's access may have changed) on
 * one Redis channel, and wakes its local sockets on what the others publish. The
 * messages only wake: the events themselves are read from the database, so a message
 * lost while Redis was away costs only latency; on every reconnect the instance
 * re-reads every open document and re-checks every socket.
 *
 * One channel for every document rather than one per document: a message is a few
 * dozen bytes, a metadata change is rare next to keystrokes, and there is no
 * subscription to keep in step with the open sockets.
 */

export type LiveRelayMessage =
  | { type: 'document.changed'; documentId: string; seq: number }
  | { type: 'membership.changed'; userId: string; partyId: string }
  | { type: 'document.access.changed'; documentId: string }
  | { type: 'user.disabled'; userId: string }
  | { type: 'session.ended'; sessionIds: string[]; userId: string };

export interface LiveRelayOptions {
  url: string;
  prefix: string;
  report: (message: string, err?: unknown) => void;
  onMessage: (message: LiveRelayMessage) => void;
  /** After Redis came back: messages may have been lost meanwhile. */
  onResync: () => void;
}

export class LiveRelay {
  private readonly instance = randomUUID();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly channel: string;
  private wasReady = false;
  private lastReported = 0;

  constructor(private readonly options: LiveRelayOptions) {
    this.pub = redisClient(options.url, { lazyConnect: true, connectionName: `${options.prefix}live-pub` });
    this.sub = redisClient(options.url, { lazyConnect: true, connectionName: `${options.prefix}live-sub` });
    this.channel = `${options.prefix}live:events`;
    for (const client of [this.pub, this.sub]) client.on('error', (err) => this.report('connection', err));
    this.sub.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.receive(message);
    });
    this.sub.on('ready', () => {
      this.sub.subscribe(this.channel).catch((err: unknown) => this.report('resubscribe', err));
      if (this.wasReady) options.onResync();
      this.wasReady = true;
    });
  }

  /** While Redis is down every publish fails: say so once a minute. */
  private report(what: string, err?: unknown): void {
    const t = Date.now();
    if (t - this.lastReported < 60_000) return;
    this.lastReported = t;
    this.options.report(`redis (live): ${what}`, err);
  }

  async start(): Promise<void> {
    await Promise.all([this.pub.connect(), this.sub.connect()]);
    await this.sub.subscribe(this.channel);
  }

  publish(message: LiveRelayMessage): void {
    this.pub.publish(this.channel, JSON.stringify({ from: this.instance, message })).catch((err: unknown) => this.report('publish', err));
  }

  private receive(raw: string): void {
    let parsed: { from?: unknown; message?: LiveRelayMessage };
    try {
      parsed = JSON.parse(raw) as typeof parsed;
    } catch (err) {
      this.report('undecodable message', err);
      return;
    }
    if (parsed.from === this.instance || !parsed.message) return;
    this.options.onMessage(parsed.message);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}
