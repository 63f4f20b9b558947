import * as encoding from 'lib0/encoding';
import type { Principal } from './connection.js';
import type { AwarenessEntry } from './messages.js';
import { TokenBucket } from './rate.js';

/*
 * Presence (awareness) is the server's word on who is here: whatever a client claims,
 * the `user` of each state it sends is rewritten from its session, it may set and remove
 * only the awareness client ids it owns on that document, and states are bounded in size
 * and rate. Without this a reader could show under someone else's name, wipe another
 * person's caret, or broadcast megabytes to everyone.
 */

/** An entry as the server lets others see it, with its JSON: each state is serialized once, for the size check and every copy sent. */
export interface PresenceEntry extends AwarenessEntry {
  json: string;
}

/** The awareness update (y-protocols' layout) carrying these entries. */
export function encodeAwareness(entries: ReadonlyArray<AwarenessEntry & { json?: string }>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, e.json ?? JSON.stringify(e.state));
  }
  return encoding.toUint8Array(encoder);
}

// A CSS hex colour: what the client picks (client/src/editor/colors.ts), and nothing that could carry markup.
const colorPattern = /^#[0-9a-fA-F]{3,8}$/;

/**
 * The state as the server lets others see it, and its JSON: `user` from the session (id, name; the client's
 * colour if it is a hex colour, its party if it is one of the user's), the rest as sent.
 * Null when the state is not an object or its JSON is over `maxBytes`: such a state is dropped.
 */
export function presenceState(raw: unknown, who: Principal, maxBytes: number): { state: Record<string, unknown>; json: string } | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const claimed = (raw as { user?: unknown }).user;
  const user: Record<string, string> = { id: who.userId, name: who.name };
  if (claimed && typeof claimed === 'object') {
    const { color, party } = claimed as { color?: unknown; party?: unknown };
    if (typeof color === 'string' && colorPattern.test(color)) user.color = color;
    if (typeof party === 'string' && who.parties.includes(party)) user.party = party;
  }
  const state = { ...(raw as Record<string, unknown>), user };
  const json = JSON.stringify(state);
  // UTF-16 length bounds the UTF-8 length from below: the exact count only when it could matter.
  return json.length <= maxBytes && (json.length * 3 <= maxBytes || Buffer.byteLength(json) <= maxBytes) ? { state, json } : null;
}

/**
 * At most `rate` awareness updates per second from one connection. Faster ones are not lost
 * but coalesced: the latest state per client id goes out when the rate allows, so a caret
 * that moves on every keystroke still ends where it stopped.
 */
export class AwarenessThrottle {
  private readonly bucket: TokenBucket;
  private readonly pending = new Map<number, PresenceEntry>();
  private timer: NodeJS.Timeout | null = null;

  constructor(rate: number) {
    this.bucket = new TokenBucket(rate, 1);
  }

  offer(entries: PresenceEntry[], apply: (entries: PresenceEntry[]) => void): void {
    if (!this.timer && this.bucket.take()) {
      apply(entries);
      return;
    }
    for (const e of entries) {
      const before = this.pending.get(e.clientId);
      if (!before || before.clock <= e.clock) this.pending.set(e.clientId, e);
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      const batch = [...this.pending.values()];
      this.pending.clear();
      this.bucket.take();
      apply(batch);
    }, this.bucket.waitMs());
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }
}
