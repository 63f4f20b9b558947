import type { MemberRole } from '../../shared/permissions.js';
import type { DocumentKind, DocumentStatus, PartyKind } from '../../shared/schemas.js';
import type { Decision, StageStatus } from './api/types.js';

/*
 * The domain's lists of values, for selects and filters. Kept here rather than imported
 * from shared/schemas.ts so the bundle does not carry zod; the Record types make the
 * compiler fail when shared/ gains or loses a value.
 */

const keys = <K extends string>(r: Record<K, true>): K[] => Object.keys(r) as K[];

export const documentKinds = keys<DocumentKind>({
  agreement: true,
  regional_agreement: true,
  local_agreement: true,
  letter_of_intent: true,
  cooperation_agreement: true,
  report: true,
  minutes: true,
});

export const documentStatuses = keys<DocumentStatus>({
  draft: true,
  in_dialogue: true,
  proposed: true,
  adopted: true,
  published: true,
  withdrawn: true,
  terminated: true,
});

export const partyKinds = keys<PartyKind>({ region: true, municipality: true, county_council: true, other: true });

export const stageStatuses = keys<StageStatus>({ planned: true, in_progress: true, done: true, cancelled: true });

export const memberRoles = keys<MemberRole>({ admin: true, editor: true, commenter: true, reader: true });

export const decisionStates = keys<Decision['state']>({ proposed: true, adopted: true, rejected: true });

/** Today in the browser's own calendar, as yyyy-mm-dd. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A checkpoint is overdue once its date has passed without it being held. */
export const isOverdue = (dueOn: string, heldOn: string | null | undefined): boolean => !heldOn && dueOn < today();
