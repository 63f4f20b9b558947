import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.js';
import * as m0002 from './0002_login_throttle.js';
import * as m0003 from './0003_document_events.js';
import * as m0008 from './0008_plan_details.js';

/** Every migration by name, in order. A new migration is a new file plus one line here. */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_login_throttle': m0002,
  '0003_document_events': m0003,
  '0008_plan_details': m0008,
};
