import type { Kysely } from 'kysely';
import type { SessionInfo } from './auth/sessions.js';
import type { Config } from './config.js';
import type { Dialect } from './db/connection.js';
import type { Database } from './db/database.js';
import type { AppEvents } from './events.js';

/** What every part of the server is built from; tests make one per fresh database. */
export interface Deps {
  db: Kysely<Database>;
  dialect: Dialect;
  config: Config;
  events: AppEvents;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    session: SessionInfo | null;
  };
}
