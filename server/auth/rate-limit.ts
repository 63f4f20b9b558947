/*
 * Failed-login throttle: a fixed window per key (account e-mail, client address).
 * In memory per instance; behind a load balancer each instance throttles on its own,
 * which still bounds guessing to (instances × limit) per window.
 */
export class FailureLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  blocked(key: string, nowMs = Date.now()): boolean {
    const e = this.hits.get(key);
    return e !== undefined && e.resetAt > nowMs && e.count >= this.limit;
  }

  fail(key: string, nowMs = Date.now()): void {
    const e = this.hits.get(key);
    if (!e || e.resetAt <= nowMs) {
      this.hits.set(key, { count: 1, resetAt: nowMs + this.windowMs });
      if (this.hits.size > 50_000) this.sweep(nowMs);
    } else {
      e.count++;
    }
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private sweep(nowMs: number): void {
    for (const [k, e] of this.hits) if (e.resetAt <= nowMs) this.hits.delete(k);
  }
}
