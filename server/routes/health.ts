import { Hono } from 'hono';
import type { AppEnv, Deps } from '../env.js';

export function healthRoutes(_deps: Deps) {
  // Served only once main.ts has migrated: the app is not listening before that.
  return new Hono<AppEnv>().get('/', (c) => c.json({ ok: true as const }));
}
