/*
 * Counting for the collaboration server's limits: token buckets (messages per
 * connection, per user, awareness per connection) and the sockets each user and
 * each address holds.
 */

/** Sustained `rate` per second, bursts up to `burstSeconds` worth. */
export class TokenBucket {
  private tokens: number;
  private refilledAt = Date.now();
  private readonly burst: number;

  constructor(
    private readonly rate: number,
    burstSeconds = 3,
  ) {
    this.burst = Math.max(1, rate * burstSeconds);
    this.tokens = this.burst;
  }

  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until one token is available. */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.rate) * 1000);
  }

  get full(): boolean {
    this.refill();
    return this.tokens >= this.burst;
  }

  private refill(): void {
    const t = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.refilledAt) / 1000) * this.rate);
    this.refilledAt = t;
  }
}

/** One token bucket per key (a user), shared by that key's sockets; idle full buckets are dropped. */
export class SharedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly rate: number) {}

  take(key: string): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size > 10_000) this.sweep();
      bucket = new TokenBucket(this.rate);
      this.buckets.set(key, bucket);
    }
    return bucket.take();
  }

  private sweep(): void {
    for (const [key, bucket] of this.buckets) if (bucket.full) this.buckets.delete(key);
  }
}

/** Open sockets per key (user id, address), against a cap. */
export class SocketCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly cap: number) {}

  /** Counts one more socket for key; false (and nothing counted) when the key is at its cap. */
  add(key: string): boolean {
    const n = this.counts.get(key) ?? 0;
    if (n >= this.cap) return false;
    this.counts.set(key, n + 1);
    return true;
  }

  remove(key: string): void {
    const n = (this.counts.get(key) ?? 0) - 1;
    if (n <= 0) this.counts.delete(key);
    else this.counts.set(key, n);
  }
}
