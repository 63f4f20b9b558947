import type { Context } from 'hono';
import { type Kysely, sql } from 'kysely';
import type { LoginThrottleConfig } from '../config.js';
import type { Database } from '../db/database.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
import { knownDevice } from './known-device.js';

/*
 * Throttles the guesser, not the owner (docs/security.md, "Password guessing").
 *
 * - Pair backoff: each (account, address) pair, or (account, known device) pair, gets a few
 *   free failures; after that every further attempt must wait 2, 4, 8 … seconds (capped)
 *   after the pair's last one. An attempt is counted before the password is checked, with a
 *   compare-and-set, so parallel requests cannot slip several guesses into one slot; a right
 *   password clears the pair.
 * - Account bound: many failures on one account from anywhere within a window (a distributed
 *   guess) space out every attempt on it that does not come from a browser known to the
 *   account, to one per few seconds. A known browser only ever meets its own pair backoff.
 *
 * There is no bound per address alone: behind a municipality's proxy hundreds of people
 * share one address, and a guess on one account never delays another account's owner.
 * The counters live in the database so they hold across restarts and instances.
 */

export interface LoginAttempt {
  /** The password was right: forget the pair's failures. */
  succeeded(): Promise<void>;
  /** The password was wrong: count it against the account too. */
  failed(): Promise<void>;
}

type Refusal = { retryAfterSeconds: number };

const sweepEveryMs = 10 * 60 * 1000;

export class LoginThrottle {
  private lastSweep = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly config: LoginThrottleConfig,
  ) {}

  /** Claims one attempt for the account, or says how long to wait. */
  async begin(account: string, address: string, deviceId: string | null, nowMs = Date.now()): Promise<LoginAttempt | Refusal> {
    const accountKey = `account:${account}`;
    const pairKey = deviceId ? `device:${account}:${deviceId}` : `address:${account}:${address}`;
    if (!deviceId) {
      const wait = await this.accountWait(accountKey, nowMs);
      if (wait > 0) return { retryAfterSeconds: Math.ceil(wait / 1000) };
    }
    for (let tries = 0; tries < 3; tries++) {
      const claim = await this.claimPair(pairKey, nowMs);
      if (claim === 'claimed') {
        return {
          succeeded: async () => {
            await this.db.deleteFrom('login_throttle').where('key', '=', pairKey).execute();
          },
          failed: () => this.countAccountFailure(accountKey, Date.now()),
        };
      }
      if (claim !== 'raced') return claim;
    }
    return { retryAfterSeconds: 1 };
  }

  /** Milliseconds until the account bound lets a not-known browser try again (0: now). */
  private async accountWait(key: string, nowMs: number): Promise<number> {
    const row = await this.db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
    if (!row) return 0;
    const inWindow = nowMs - Number(row.window_start) < this.config.accountWindowSeconds * 1000;
    if (!inWindow || row.failures < this.config.accountFailures) return 0;
    return Math.max(0, Number(row.last_failure_at) + this.config.accountDelaySeconds * 1000 - nowMs);
  }

  private pairDelayMs(failures: number): number {
    const { pairFreeFailures, pairMaxDelaySeconds } = this.config;
    if (failures < pairFreeFailures) return 0;
    const exponent = Math.min(failures - pairFreeFailures + 1, 30);
    return Math.min(2 ** exponent, pairMaxDelaySeconds) * 1000;
  }

  private async claimPair(key: string, nowMs: number): Promise<'claimed' | 'raced' | Refusal> {
    const row = await this.db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
    if (!row) {
      const res = await this.db
        .insertInto('login_throttle')
        .values({ key, failures: 1, window_start: nowMs, last_failure_at: nowMs })
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key')
        .executeTakeFirst();
      return res ? 'claimed' : 'raced';
    }
    const last = Number(row.last_failure_at);
    const forgotten = nowMs - last >= this.config.pairForgetSeconds * 1000;
    const failures = forgotten ? 0 : row.failures;
    const wait = last + this.pairDelayMs(failures) - nowMs;
    if (!forgotten && wait > 0) return { retryAfterSeconds: Math.ceil(wait / 1000) };
    const res = await this.db
      .updateTable('login_throttle')
      .set({ failures: failures + 1, window_start: forgotten ? nowMs : row.window_start, last_failure_at: nowMs })
      .where('key', '=', key)
      .where('failures', '=', row.failures)
      .where('last_failure_at', '=', row.last_failure_at)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1 ? 'claimed' : 'raced';
  }

  private async countAccountFailure(key: string, nowMs: number): Promise<void> {
    const windowStart = nowMs - this.config.accountWindowSeconds * 1000;
    const expired = sql<boolean>`login_throttle.window_start <= ${windowStart}`;
    await this.db
      .insertInto('login_throttle')
      .values({ key, failures: 1, window_start: nowMs, last_failure_at: nowMs })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql<number>`case when ${expired} then 1 else login_throttle.failures + 1 end`,
          window_start: sql<number>`case when ${expired} then ${nowMs} else login_throttle.window_start end`,
          last_failure_at: nowMs,
        }),
      )
      .execute();
    if (nowMs - this.lastSweep > sweepEveryMs) {
      this.lastSweep = nowMs;
      const horizon = Math.max(this.config.pairForgetSeconds, this.config.accountWindowSeconds) * 1000;
      await this.db.deleteFrom('login_throttle').where('last_failure_at', '<', nowMs - horizon).execute();
    }
  }
}

/** The peer address of the connection (no proxy header is trusted: see docs/security.md). */
export function clientAddress(c: Context<AppEnv>): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/**
 * Claims an attempt to check `account`'s password from this request, or answers
 * 429 rateLimited with Retry-After. `userId` is the account's id when it exists.
 */
export async function beginPasswordAttempt(
  c: Context<AppEnv>,
  deps: Deps,
  throttle: LoginThrottle,
  account: string,
  userId: string | null,
): Promise<LoginAttempt> {
  const result = await throttle.begin(account, clientAddress(c), await knownDevice(c, deps, userId));
  if ('retryAfterSeconds' in result) {
    c.header('Retry-After', String(result.retryAfterSeconds));
    fail('rateLimited', `Too many attempts; try again in ${result.retryAfterSeconds} s.`, { retryAfterSeconds: result.retryAfterSeconds });
  }
  return result;
}
