import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/*
 * Table interfaces live only here, inside `Database`. Timestamps are ISO-8601 UTC
 * strings, flags are 0/1 integers, Yjs bytes are Uint8Array (Buffer on read).
 */

export type PartyKind = 'region' | 'municipality' | 'county_council' | 'other';
export type MemberRole = 'admin' | 'editor' | 'commenter' | 'reader';
export type DocumentKind =
  | 'agreement'
  | 'regional_agreement'
  | 'local_agreement'
  | 'letter_of_intent'
  | 'cooperation_agreement'
  | 'report'
  | 'minutes';
export type DocumentStatus =
  | 'draft'
  | 'in_dialogue'
  | 'proposed'
  | 'adopted'
  | 'published'
  | 'withdrawn'
  | 'terminated';

export interface SettingsTable {
  key: string;
  value: string;
}

export interface PartiesTable {
  id: string;
  name: string;
  short_name: string | null;
  kind: PartyKind;
  org_number: string | null;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  is_admin: number;
  disabled: number;
  locale: 'sv' | 'en';
  created_at: string;
  updated_at: string;
}

export interface MembershipsTable {
  id: string;
  user_id: string;
  party_id: string;
  role: MemberRole;
  title: string | null;
  created_at: string;
}

export interface InvitationsTable {
  id: string;
  email: string;
  name: string | null;
  party_id: string;
  role: MemberRole;
  token_hash: string;
  invited_by: string | null;
  expires_at: string;
  accepted_at: string | null;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  user_agent: string | null;
}

export interface DocumentsTable {
  id: string;
  kind: DocumentKind;
  title: string;
  reference: string | null;
  status: DocumentStatus;
  dialogue_round: number | null;
  owner_party_id: string;
  parent_id: string | null;
  attachment_number: number | null;
  summary: string | null;
  starts_on: string | null;
  ends_on: string | null;
  public: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** The seq of the document's last live-channel event (document_events). */
  event_seq: Generated<number>;
  /** JSON of shared/adoption.ts `AdoptionRule`; null: every signatory. */
  adoption_rule: string | null;
  /** Set while the text is final (justerade minutes): nobody may change it. */
  locked_at: Generated<string | null>;
}

export interface DocumentPartiesTable {
  document_id: string;
  party_id: string;
  role: 'signatory' | 'observer';
  approval: 'pending' | 'approved' | 'rejected';
  approved_by: string | null;
  approved_at: string | null;
  /** The deciding body (one of the party's), the decision's date and its protocol paragraph (§). */
  approval_body_id: string | null;
  approval_decided_on: string | null;
  approval_paragraph: string | null;
  /** The version (shared/canonical.ts) the approval or rejection is of; a row in approved_versions. */
  approval_version_hash: string | null;
}

/** A version a party approved: its canonical form and the Yjs state of its text (Y.encodeStateAsUpdate). */
export interface ApprovedVersionsTable {
  document_id: string;
  version_hash: string;
  form: string;
  canonical: string;
  y_state: Uint8Array;
  created_at: string;
}

export interface BodiesTable {
  id: string;
  party_id: string;
  name: string;
  kind: 'board' | 'executive_board' | 'council' | 'other';
  created_at: string;
}

export interface DecisionsTable {
  id: string;
  document_id: string;
  body_id: string;
  reference: string | null;
  decided_on: string | null;
  state: 'proposed' | 'adopted' | 'rejected';
  preamble: string | null;
  created_at: string;
  updated_at: string;
}

export interface DecisionClausesTable {
  id: string;
  decision_id: string;
  position: number;
  text: string;
  refers_to_document_id: string | null;
  /** A published version of the agreement the clause refers to. */
  refers_to_publication_id: string | null;
}

export type StageStatus = 'planned' | 'in_progress' | 'done' | 'cancelled';

export interface StagesTable {
  id: string;
  document_id: string;
  position: number;
  title: string;
  description: string | null;
  status: StageStatus;
  starts_on: string | null;
  target_on: string | null;
  ends_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface StagePreconditionsTable {
  id: string;
  stage_id: string;
  requires_stage_id: string | null;
  requirement: 'planned' | 'in_progress' | 'done' | 'other';
  description: string;
  met_at: string | null;
}

export interface CheckpointsTable {
  id: string;
  document_id: string;
  stage_id: string | null;
  due_on: string;
  title: string;
  report_to: string | null;
  outcome: string | null;
  held_on: string | null;
  created_at: string;
}

export interface DialogueRoundsTable {
  id: string;
  document_id: string;
  number: number;
  title: string | null;
  starts_on: string | null;
  ends_on: string | null;
  status: 'open' | 'closed';
  created_at: string;
}

export interface MeetingsTable {
  id: string;
  round_id: string;
  party_id: string;
  held_at: string | null;
  location: string | null;
  minutes_document_id: string | null;
  created_at: string;
  /** The justering under way: 1, and one more after each correction. */
  justering_attempt: Generated<number>;
}

export interface MeetingAttendeesTable {
  id: string;
  meeting_id: string;
  name: string;
  party_id: string | null;
  user_id: string | null;
  /** 1: one of the meeting's justerare. */
  adjuster: Generated<number>;
}

export interface MinutesAdjustmentsTable {
  id: string;
  meeting_id: string;
  user_id: string;
  attempt: number;
  adjusted_at: string;
}

export interface MinutesReopeningsTable {
  id: string;
  meeting_id: string;
  attempt: number;
  reason: string;
  reopened_by: string | null;
  reopened_at: string;
}

export type FeedbackState =
  | 'open'
  | 'incorporated'
  | 'partly_incorporated'
  | 'not_incorporated'
  | 'withdrawn';

export interface FeedbackItemsTable {
  id: string;
  document_id: string;
  party_id: string;
  round_id: string | null;
  meeting_id: string | null;
  author_id: string | null;
  body: string;
  state: FeedbackState;
  answer: string | null;
  location: string | null;
  /** JSON `{ start, end }`: base64 Yjs relative positions of the passage (shared/anchor.ts). */
  anchor: string | null;
  quote: string | null;
  answered_by: string | null;
  answered_at: string | null;
  created_at: string;
  updated_at: string;
  /** Where the current text says it: JSON `{ start, end, quote }` (base64 Yjs relative positions). */
  incorporated_anchor: Generated<string | null>;
}

export interface CommentsTable {
  id: string;
  document_id: string;
  author_id: string | null;
  parent_id: string | null;
  feedback_id: string | null;
  anchor: string | null;
  quote: string | null;
  body: string;
  resolved_at: string | null;
  resolved_by: string | null;
  /** Set when the author deleted it: the row stays (body cleared) so the thread and the audit keep it. */
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CommentMentionsTable {
  comment_id: string;
  user_id: string;
}

export interface ResourcesTable {
  id: string;
  document_id: string;
  description: string;
  fte_hundredths: number | null;
  financed_by: string | null;
  created_at: string;
}

export interface CostSharesTable {
  id: string;
  document_id: string;
  stage_id: string | null;
  party_id: string | null;
  label: string;
  basis_points: number;
  note: string | null;
  /** 1: the parties of this split carry the cost jointly (delas solidariskt). */
  joint: Generated<number>;
  created_at: string;
}

export interface PublicationsTable {
  id: string;
  document_id: string;
  version: number;
  title: string;
  reference: string | null;
  content_json: string;
  content_text: string;
  metadata_json: string;
  sha256: string;
  public: number;
  published_by: string | null;
  published_at: string;
  /** The exact bytes the hash covers (UTF-8); null for 'legacy' rows, rebuilt from the row. */
  canonical: string | null;
  /** The canonical form's name (shared/canonical.ts), or 'legacy' for rows published before it. */
  canonical_form: Generated<string>;
  /** The address part of /p/<slug>/v<version>, one per document. */
  slug: string | null;
}

/** A named moment of a draft: its text as TipTap JSON then. */
export interface DocumentVersionsTable {
  id: string;
  document_id: string;
  name: string;
  content_json: string;
  created_by: string | null;
  created_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  document_id: string | null;
  data: string | null;
}

/** The live channel's log: one row per committed metadata change, numbered per document. */
export interface DocumentEventsTable {
  document_id: string;
  seq: number;
  at: string;
  actor_id: string | null;
  section: string;
  action: string;
  entity_id: string;
  data: string | null;
}

export interface DocumentUpdatesTable {
  id: Generated<number>;
  document_id: string;
  update: Uint8Array;
  created_at: string;
}

export interface DocumentSnapshotsTable {
  document_id: string;
  state: Uint8Array;
  last_update_id: number;
  updated_at: string;
}

/** Failed-attempt counters of the login throttle; times in ms since the epoch (bigint on PostgreSQL). */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_start: number | string;
  last_failure_at: number | string;
}

export interface Database {
  settings: SettingsTable;
  parties: PartiesTable;
  users: UsersTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  documents: DocumentsTable;
  document_parties: DocumentPartiesTable;
  bodies: BodiesTable;
  decisions: DecisionsTable;
  decision_clauses: DecisionClausesTable;
  stages: StagesTable;
  stage_preconditions: StagePreconditionsTable;
  checkpoints: CheckpointsTable;
  dialogue_rounds: DialogueRoundsTable;
  meetings: MeetingsTable;
  meeting_attendees: MeetingAttendeesTable;
  minutes_adjustments: MinutesAdjustmentsTable;
  minutes_reopenings: MinutesReopeningsTable;
  feedback_items: FeedbackItemsTable;
  comments: CommentsTable;
  comment_mentions: CommentMentionsTable;
  resources: ResourcesTable;
  cost_shares: CostSharesTable;
  publications: PublicationsTable;
  document_versions: DocumentVersionsTable;
  audit_log: AuditLogTable;
  document_events: DocumentEventsTable;
  document_updates: DocumentUpdatesTable;
  document_snapshots: DocumentSnapshotsTable;
  approved_versions: ApprovedVersionsTable;
  login_throttle: LoginThrottleTable;
}

export type Party = Selectable<PartiesTable>;
export type User = Selectable<UsersTable>;
export type Membership = Selectable<MembershipsTable>;
export type DocumentRow = Selectable<DocumentsTable>;
export type NewDocument = Insertable<DocumentsTable>;
export type DocumentUpdate = Updateable<DocumentsTable>;
