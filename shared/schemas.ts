import { z } from 'zod';
import { adoptionRule } from './adoption.js';
import { anchorInput } from './anchor.js';
import { liveSections } from './live.js';
import { isCalendarDate, limits } from './limits.js';
import { memberRoles } from './permissions.js';

export { isCalendarDate, limits };

/* Input schemas for the JSON API, shared so the client validates the same way. */

export const partyKinds = ['region', 'municipality', 'county_council', 'other'] as const;
export const documentKinds = [
  'agreement',
  'regional_agreement',
  'local_agreement',
  'letter_of_intent',
  'cooperation_agreement',
  'report',
  'minutes',
] as const;
export const documentStatuses = ['draft', 'in_dialogue', 'proposed', 'adopted', 'published', 'withdrawn', 'terminated'] as const;
export const stageStatuses = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export const feedbackStates = ['open', 'incorporated', 'partly_incorporated', 'not_incorporated', 'withdrawn'] as const;
export const decisionStates = ['proposed', 'adopted', 'rejected'] as const;
export const bodyKinds = ['board', 'executive_board', 'council', 'other'] as const;

export type DocumentKind = (typeof documentKinds)[number];
export type DocumentStatus = (typeof documentStatuses)[number];
export type PartyKind = (typeof partyKinds)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const isoDate = z.string().refine(isCalendarDate, 'Use a real date as YYYY-MM-DD.');

/**
 * A refine for an input with a start and an end date: when both are given, the end is not
 * before the start, else a `validation` issue on the end field. A patch that gives one of
 * them is checked against the stored other one by its command.
 */
export function endNotBeforeStart<T extends Record<string, unknown>>(start: keyof T & string, end: keyof T & string) {
  return {
    check: (v: T) => {
      const [a, b] = [v[start], v[end]];
      return typeof a !== 'string' || typeof b !== 'string' || b >= a;
    },
    params: { message: `Must not be before ${start}.`, path: [end] },
  };
}
export const isoDateTime = z.string().datetime({ offset: true });
const id = z.string().min(1).max(100);

export const email = z.string().trim().toLowerCase().email().max(limits.email);
export const password = z.string().min(10, 'At least 10 characters.').max(limits.password);

export const loginInput = z.object({ email: z.string().trim().toLowerCase().max(254), password: z.string().max(200) });
export const setupInput = z.object({ token: z.string().min(1).max(200), email, name: text(limits.name), password });
/** A hub administrator's change to someone's account. */
export const accountPatch = z.object({ disabled: z.boolean() });
export const meInput = z
  .object({
    name: text(limits.name).optional(),
    locale: z.enum(['sv', 'en']).optional(),
    password: password.optional(),
    currentPassword: z.string().max(200).optional(),
  })
  .refine((v) => v.password === undefined || v.currentPassword !== undefined, {
    message: 'Give the current password to set a new one.',
    path: ['currentPassword'],
  });
export const acceptInvitationInput = z.object({ name: text(limits.name), password });

export const partyInput = z.object({
  name: text(limits.name),
  kind: z.enum(partyKinds),
  shortName: optionalText(limits.shortName),
  orgNumber: optionalText(limits.orgNumber),
});
export const partyPatch = partyInput.partial();
export const membershipInput = z.object({ role: z.enum(memberRoles), title: optionalText(limits.name) });
export const invitationInput = z.object({ email, role: z.enum(memberRoles), name: optionalText(limits.name) });
export const bodyInput = z.object({ name: text(limits.name), kind: z.enum(bodyKinds) });

export const documentPartyRef = z.union([
  id,
  z.object({ partyId: id, role: z.enum(['signatory', 'observer']).default('signatory') }),
]);
export const documentInput = z.object({
  title: text(limits.title),
  kind: z.enum(documentKinds),
  reference: optionalText(limits.reference),
  parties: z.array(documentPartyRef).max(100).optional(),
  ownerPartyId: id.optional(),
  parentId: id.nullable().optional(),
  attachmentNumber: z.number().int().min(1).max(999).nullable().optional(),
  summary: optionalText(limits.summary),
});
const documentDates = endNotBeforeStart<{ startsOn?: string | null; endsOn?: string | null }>('startsOn', 'endsOn');
export const documentPatch = z
  .object({
    title: text(limits.title).optional(),
    reference: optionalText(limits.reference),
    summary: optionalText(limits.summary),
    startsOn: isoDate.nullable().optional(),
    endsOn: isoDate.nullable().optional(),
    public: z.boolean().optional(),
    dialogueRound: z.number().int().min(1).max(99).nullable().optional(),
    /** Who must approve before adoption (null: every signatory); managers only. */
    adoptionRule: adoptionRule.nullable().optional(),
  })
  .refine(documentDates.check, documentDates.params);
export const documentListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  kind: z.enum(documentKinds).optional(),
  status: z.enum(documentStatuses).optional(),
  party: id.optional(),
  parent: id.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(300).optional(),
});
export const statusInput = z.object({ status: z.enum(documentStatuses) });
export const documentPartyInput = z.object({ role: z.enum(['signatory', 'observer']) });
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'A version hash: 64 lower-case hex digits.');
export const approvalInput = z.object({
  partyId: id,
  approval: z.enum(['approved', 'rejected', 'pending']),
  /** The deciding body (one of the party's), the decision's date and its § in the body's protocol. */
  bodyId: id.nullable().optional(),
  decidedOn: isoDate.nullable().optional(),
  paragraph: optionalText(50),
  /** The version the person looked at: refused (409 approvalsStale) when the document has changed since. */
  versionHash: sha256Hex.optional(),
});
export const versionHashParam = sha256Hex;

type StageDates = { startsOn?: string | null; targetOn?: string | null; endsOn?: string | null };
const stageEnd = endNotBeforeStart<StageDates>('startsOn', 'endsOn');
const stageTarget = endNotBeforeStart<StageDates>('startsOn', 'targetOn');
const stageFields = z.object({
  title: text(limits.title),
  position: z.number().int().min(1).max(999).optional(),
  description: optionalText(limits.description),
  status: z.enum(stageStatuses).optional(),
  startsOn: isoDate.nullable().optional(),
  targetOn: isoDate.nullable().optional(),
  endsOn: isoDate.nullable().optional(),
});
export const stageInput = stageFields.refine(stageEnd.check, stageEnd.params).refine(stageTarget.check, stageTarget.params);
export const stagePatch = stageFields.partial().refine(stageEnd.check, stageEnd.params).refine(stageTarget.check, stageTarget.params);
export const preconditionInput = z.object({
  description: text(limits.precondition),
  requiresStageId: id.nullable().optional(),
  requirement: z.enum(['planned', 'in_progress', 'done', 'other']).optional(),
});
export const preconditionPatch = z.object({ met: z.boolean() });

export const checkpointInput = z.object({
  dueOn: isoDate,
  title: text(limits.title),
  stageId: id.nullable().optional(),
  reportTo: optionalText(limits.reportTo),
});
export const checkpointPatch = checkpointInput.partial().extend({
  outcome: optionalText(limits.outcome),
  heldOn: isoDate.nullable().optional(),
});

export const clauseInput = z.object({
  text: text(limits.clause),
  refersToDocumentId: id.nullable().optional(),
  refersToPublicationId: id.nullable().optional(),
});
export const decisionInput = z.object({
  bodyId: id,
  reference: optionalText(limits.reference),
  decidedOn: isoDate.nullable().optional(),
  state: z.enum(decisionStates).optional(),
  preamble: optionalText(limits.preamble),
  clauses: z.array(clauseInput).min(1).max(50),
});
export const decisionPatch = decisionInput.partial();

const roundDates = endNotBeforeStart<{ startsOn?: string | null; endsOn?: string | null }>('startsOn', 'endsOn');
const roundFields = z.object({
  number: z.number().int().min(1).max(99),
  title: optionalText(limits.title),
  startsOn: isoDate.nullable().optional(),
  endsOn: isoDate.nullable().optional(),
});
export const roundInput = roundFields.refine(roundDates.check, roundDates.params);
export const roundPatch = roundFields
  .omit({ number: true })
  .partial()
  .extend({ status: z.enum(['open', 'closed']).optional() })
  .refine(roundDates.check, roundDates.params);
export const attendeeInput = z.object({
  name: text(limits.name),
  partyId: id.nullable().optional(),
  userId: id.nullable().optional(),
  /** One of the meeting's justerare (one or two, each an attendee with an account). */
  adjuster: z.boolean().optional(),
});
export const maxAdjusters = 2;
export const meetingInput = z.object({
  partyId: id,
  heldAt: isoDateTime.nullable().optional(),
  location: optionalText(limits.location),
  attendees: z.array(attendeeInput).max(200).optional(),
});
export const meetingPatch = meetingInput.omit({ partyId: true }).partial();
export const reopenMinutesInput = z.object({ reason: text(2000) });

export const feedbackInput = z.object({
  partyId: id,
  body: text(limits.comment),
  roundId: id.nullable().optional(),
  meetingId: id.nullable().optional(),
  /** The passage it concerns, anchored like a comment (shared/anchor.ts). */
  anchor: anchorInput.nullable().optional(),
  quote: optionalText(2000),
  /** A comment thread this item is made from: its passage is taken over and the two are linked. */
  commentId: id.nullable().optional(),
  /** Free text naming the passage it concerns ("avsnitt 4.2", or the words quoted). */
  location: optionalText(500),
});
/** A span of the current text: base64 Yjs relative positions (as comments use) plus the words quoted. */
export const textAnchor = z.object({ start: z.string().min(1).max(1000), end: z.string().min(1).max(1000), quote: z.string().max(2000).optional() });
export const feedbackAnswer = z
  .object({
    state: z.enum(feedbackStates),
    answer: optionalText(limits.feedback),
    location: optionalText(limits.feedbackLocation),
    /** For incorporated feedback: where the draft now says it. */
    incorporatedAnchor: textAnchor.nullable().optional(),
  })
  .refine((v) => v.state === 'open' || v.state === 'withdrawn' || (v.answer ?? '').length > 0, {
    message: 'Say how the feedback was handled: where it went into the draft, or why not.',
    path: ['answer'],
  });
export const feedbackListQuery = z.object({
  state: z.enum(feedbackStates).optional(),
  party: id.optional(),
  round: id.optional(),
});

/** People a comment mentions, by user id: picked from the document's people, shown as `@Name` in the body. */
const mentions = z.array(id).max(50);

export const commentInput = z.object({
  body: text(limits.comment),
  anchor: anchorInput.nullable().optional(),
  quote: optionalText(2000),
  parentId: id.nullable().optional(),
  feedbackId: id.nullable().optional(),
  mentions: mentions.optional(),
});
export const commentPatch = z.object({ body: text(limits.comment).optional(), resolved: z.boolean().optional(), mentions: mentions.optional() });

export const costSharesInput = z.object({
  items: z
    .array(
      z.object({
        label: text(limits.costLabel),
        basisPoints: z.number().int().min(0).max(10000),
        partyId: id.nullable().optional(),
        stageId: id.nullable().optional(),
        note: optionalText(limits.costNote),
        /** The split this share belongs to is carried jointly (delas solidariskt). */
        joint: z.boolean().optional(),
      }),
    )
    .max(100),
});
export const resourceInput = z.object({
  description: text(limits.resource),
  fteHundredths: z.number().int().min(0).max(1_000_000).nullable().optional(),
  financedBy: optionalText(limits.financedBy),
});

/** The agreement page's timeline: its audit entries, newest first, by kind of change and by person, in pages. */
export const timelineQuery = z.object({
  kind: z.enum(liveSections).optional(),
  actor: id.optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
