import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { redisClient } from '../../redis-client.js';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { type LiveDocument, Origin } from '../document.js';
import type { HubHooks } from '../hub.js';

/*
 * Scale-out: several hub instances behind a load balancer, one database. Each
 * instance relays the updates it made durable, the awareness changes of its own
 * clients, and access-change events through Redis pub/sub, one channel per
 * document. Persistence stays with the instance that received the update; the
 * others only apply. If Redis drops messages while it is away, every loaded
 * document is caught up from the database when it comes back.
 */

const Kind = { update: 0, awareness: 1, event: 2 } as const;
const subscribeTimeoutMs = 5000;

export type RelayedEvent =
  | { type: 'membership.changed'; userId: string; partyId: string }
  | { type: 'document.access.changed'; documentId: string }
  | { type: 'user.disabled'; userId: string }
  | { type: 'session.ended'; sessionIds: string[]; userId: string };

export interface RedisFanoutOptions {
  url: string;
  prefix: string;
  report: (message: string, err?: unknown) => void;
  /** An access event from another instance. */
  onEvent: (event: RelayedEvent) => void;
  /** After a Redis outage: bring this document up to date from the database. */
  catchUp: (doc: LiveDocument) => Promise<void>;
}

export class RedisFanout implements HubHooks {
  private readonly instance = randomUUID();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly docs = new Map<string, LiveDocument>();
  private readonly eventsChannel: string;
  private wasReady = false;
  private readonly lastReported = new Map<string, number>();
  /** Relayed frames seen, for tests and the benchmark. */
  readonly stats = { published: 0, received: 0 };

  constructor(private readonly options: RedisFanoutOptions) {
    // Named, so an operator (or a test) can tell the hub's connections apart in CLIENT LIST.
    this.pub = redisClient(options.url, { lazyConnect: true, connectionName: `${options.prefix}collab-pub` });
    this.sub = redisClient(options.url, { lazyConnect: true, connectionName: `${options.prefix}collab-sub` });
    this.eventsChannel = `${options.prefix}collab:events`;
    for (const client of [this.pub, this.sub]) client.on('error', (err) => this.report('connection', err));
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel.toString(), message));
    this.sub.on('ready', () => {
      // Every (re)connect: subscribe explicitly (idempotent; a subscribe sent while Redis was
      // away may have failed), then fetch from the database what was relayed meanwhile.
      const channels = [this.eventsChannel, ...[...this.docs.keys()].map((id) => this.channel(id))];
      this.sub.subscribe(...channels).catch((err: unknown) => this.report('resubscribe', err));
      if (this.wasReady || this.docs.size > 0) this.catchUpAll();
      this.wasReady = true;
    });
  }

  /** While Redis is down every keystroke would fail to publish: say so once a minute per kind. */
  private report(what: string, err?: unknown): void {
    const t = Date.now();
    if (t - (this.lastReported.get(what) ?? 0) < 60_000) return;
    this.lastReported.set(what, t);
    this.options.report(`redis: ${what}`, err);
  }

  /** Connects and subscribes to access events; rejects when Redis does not answer. */
  async start(): Promise<void> {
    await Promise.all([this.pub.connect(), this.sub.connect()]);
    await this.sub.subscribe(this.eventsChannel);
  }

  private channel(documentId: string): string {
    return `${this.options.prefix}collab:doc:${documentId}`;
  }

  async loading(doc: LiveDocument): Promise<void> {
    this.docs.set(doc.id, doc);
    let timer: NodeJS.Timeout | undefined;
    try {
      // Without Redis the document still works on this instance; catch-up covers the gap later.
      await Promise.race([
        this.sub.subscribe(this.channel(doc.id)),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('subscribe timed out')), subscribeTimeoutMs);
        }),
      ]);
    } catch (err) {
      this.report('subscribe', err);
    } finally {
      clearTimeout(timer);
    }
  }

  unloaded(doc: LiveDocument): void {
    if (this.docs.get(doc.id) !== doc) return;
    this.docs.delete(doc.id);
    this.sub.unsubscribe(this.channel(doc.id)).catch((err: unknown) => this.report('unsubscribe', err));
  }

  updated(doc: LiveDocument, update: Uint8Array, origin: unknown): void {
    if (origin === Origin.relay) return;
    this.publish(this.channel(doc.id), Kind.update, update);
  }

  awarenessChanged(doc: LiveDocument, update: Uint8Array, origin: unknown): void {
    // Strings are y-protocols' own origins ('timeout', 'local'): each instance times out states itself.
    if (origin === Origin.relay || typeof origin === 'string') return;
    this.publish(this.channel(doc.id), Kind.awareness, update);
  }

  publishEvent(event: RelayedEvent): void {
    this.publish(this.eventsChannel, Kind.event, new TextEncoder().encode(JSON.stringify(event)));
  }

  private publish(channel: string, kind: number, payload: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.instance);
    encoding.writeVarUint(encoder, kind);
    encoding.writeVarUint8Array(encoder, payload);
    this.stats.published++;
    this.pub.publish(channel, Buffer.from(encoding.toUint8Array(encoder))).catch((err: unknown) => this.report('publish', err));
  }

  private receive(channel: string, message: Buffer): void {
    let sender: string, kind: number, payload: Uint8Array;
    try {
      const decoder = decoding.createDecoder(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
      sender = decoding.readVarString(decoder);
      kind = decoding.readVarUint(decoder);
      payload = decoding.readVarUint8Array(decoder);
    } catch (err) {
      this.report('undecodable message', err);
      return;
    }
    if (sender === this.instance) return;
    this.stats.received++;
    if (channel === this.eventsChannel) {
      if (kind !== Kind.event) return;
      try {
        this.options.onEvent(JSON.parse(new TextDecoder().decode(payload)) as RelayedEvent);
      } catch (err) {
        this.report('bad event', err);
      }
      return;
    }
    const doc = this.docs.get(channel.slice(this.channel('').length));
    if (!doc) return;
    if (kind === Kind.update) doc.apply(payload, Origin.relay);
    else if (kind === Kind.awareness) doc.applyAwareness(payload, Origin.relay);
  }

  private catchUpAll(): void {
    for (const doc of this.docs.values()) {
      this.options.catchUp(doc).catch((err: unknown) => this.report('catch-up', err));
    }
  }

  async close(): Promise<void> {
    this.docs.clear();
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}
