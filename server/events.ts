import { EventEmitter } from 'node:events';

/*
 * In-process notifications between the API and the collaboration server, emitted
 * after a transaction commits. Only what another part must react to goes here.
 */
export interface AppEventMap {
  /** A user's memberships changed: re-check their open connections. */
  'membership.changed': [{ userId: string; partyId: string }];
  /** A document's status or parties changed: re-check every connection to it. */
  'document.access.changed': [{ documentId: string }];
  /** A user was disabled or logged out everywhere. */
  'user.disabled': [{ userId: string }];
  /** These sessions ended (logout, password change): close what they hold open. */
  'session.ended': [{ sessionIds: string[]; userId: string }];
  /** A document's live-channel log grew to `seq` (a metadata change committed). */
  'document.changed': [{ documentId: string; seq: number }];
}

export class AppEvents extends EventEmitter<AppEventMap> {}
