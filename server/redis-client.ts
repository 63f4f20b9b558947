import { createRequire } from 'node:module';
import type { Redis, RedisOptions } from 'ioredis';

/*
 * ioredis costs about 10 MiB of memory once loaded, and a hub on one machine never uses it:
 * it is required only when the first client is made (REDIS_URL set). ioredis is CommonJS,
 * so the load stays synchronous.
 */
let loaded: typeof Redis | null = null;

export function redisClient(url: string, options: RedisOptions): Redis {
  loaded ??= (createRequire(import.meta.url)('ioredis') as { Redis: typeof Redis }).Redis;
  return new loaded(url, options);
}
