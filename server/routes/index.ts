import { Hono } from 'hono';
import type { AppEnv, Deps } from '../env.js';
import { healthRoutes } from './health.js';
import { sessionRoutes } from './session.js';
import { documentRoutes } from './documents.js';

/** Every /api sub-app, chained so `AppType` carries their types to the client. */
export function apiRoutes(deps: Deps) {
  return new Hono<AppEnv>().route('/health', healthRoutes(deps)).route('/', sessionRoutes(deps))
    .route('/documents', documentRoutes(deps));
}

export type AppType = ReturnType<typeof apiRoutes>;
