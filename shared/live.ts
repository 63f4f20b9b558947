/*
 * The live channel of a document page (GET /live/<documentId>, a WebSocket that only
 * the server talks on): what it sends and how an audit action maps to the part of the
 * page it changes. See docs/api.md, "Live channel".
 */

export const liveSections = [
  'document',
  'status',
  'parties',
  'approvals',
  'decisions',
  'stages',
  'checkpoints',
  'costs',
  'resources',
  'rounds',
  'meetings',
  'feedback',
  'comments',
  'publications',
  'attachments',
] as const;

export type LiveSection = (typeof liveSections)[number];

/** One committed change to a document's metadata, numbered per document from 1 without gaps. */
export interface LiveEvent {
  seq: number;
  at: string;
  section: LiveSection;
  /** The audit action, e.g. `document.status`, `costshares.set`, `comment.create`. */
  action: string;
  entityId: string;
  actorId: string | null;
  /** What changed, as recorded in the audit entry (the request's fields, or from/to). */
  data: unknown;
}

export type LiveFrame =
  /** A change, in seq order. */
  | { type: 'event'; event: LiveEvent }
  /** Everything up to `seq` has been sent: the client is up to date. */
  | { type: 'ready'; seq: number }
  /** The changes after `since` are no longer (or never were) available: fetch everything, then continue from `seq`. */
  | { type: 'reset'; seq: number }
  | { type: 'pong' };

/** The one frame a client may send: a keep-alive, answered with `{ type: 'pong' }`. */
export const livePing = 'ping';

/** The query parameter with the last seq the client has seen. */
export const sinceParam = 'since';

const byPrefix: Array<[string, LiveSection]> = [
  ['document.status', 'status'],
  ['document.approval.', 'approvals'],
  ['document.party.', 'parties'],
  ['document.publish', 'publications'],
  // Named versions and restores sit on the same version timeline as the publications.
  ['version.', 'publications'],
  ['costshares.', 'costs'],
  ['resource.', 'resources'],
  ['comment.', 'comments'],
  ['decision.', 'decisions'],
  ['round.', 'rounds'],
  ['meeting.', 'meetings'],
  ['feedback.', 'feedback'],
  ['stage.', 'stages'],
  ['precondition.', 'stages'],
  ['checkpoint.', 'checkpoints'],
];

/** The action prefixes that belong to a section; `document` has none of its own (it is every action no prefix claims). */
export function prefixesOf(section: LiveSection): string[] {
  return byPrefix.filter(([, s]) => s === section).map(([p]) => p);
}

/** Every prefix some section claims. */
export const claimedPrefixes: readonly string[] = byPrefix.map(([p]) => p);

/** The section of the page an audit action changes; the document's own fields otherwise. */
export function sectionOf(action: string): LiveSection {
  for (const [prefix, section] of byPrefix) if (action.startsWith(prefix)) return section;
  return 'document';
}

/**
 * Sections that a bilaga's page shows from its agreement (the agreement's parties and
 * approvals, and the status that freezes the bilaga too): a change there is announced
 * on the channels of the agreement's children as well.
 */
export const inheritedSections: ReadonlySet<LiveSection> = new Set(['status', 'parties', 'approvals', 'publications']);
