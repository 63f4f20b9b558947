import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.js';
import * as m0002 from './0002_login_throttle.js';
import * as m0003 from './0003_document_events.js';
import * as m0004 from './0004_comment_threads.js';
import * as m0005 from './0005_dialogue.js';
import * as m0006 from './0006_versioned_approvals.js';
import * as m0007 from './0007_publishing.js';
import * as m0008 from './0008_plan_details.js';

/** Every migration by name, in order. A new migration is a new file plus one line here. */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_login_throttle': m0002,
  '0003_document_events': m0003,
  '0004_comment_threads': m0004,
  '0005_dialogue': m0005,
  '0006_versioned_approvals': m0006,
  '0007_publishing': m0007,
  '0008_plan_details': m0008,
};
