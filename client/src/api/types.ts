import type { MemberRole } from '../../../shared/permissions.js';
import type { DocumentKind, DocumentStatus, PartyKind } from '../../../shared/schemas.js';

/* The JSON shapes of docs/api.md, as the client reads them. */

export type { DocumentKind, DocumentStatus, MemberRole, PartyKind };

export interface User {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  locale: string;
}

export interface Party {
  id: string;
  name: string;
  shortName: string | null;
  kind: PartyKind;
  orgNumber: string | null;
}

export interface Membership {
  id: string;
  userId: string;
  partyId: string;
  role: MemberRole;
  title: string | null;
  user?: { id: string; name: string; email: string };
  party?: Party;
}

export interface SessionPayload {
  user: User;
  memberships: Membership[];
  csrfToken: string;
}

export interface Permissions {
  read: boolean;
  comment: boolean;
  edit: boolean;
  manage: boolean;
}

export interface DocumentSummary {
  id: string;
  kind: DocumentKind;
  title: string;
  reference: string | null;
  status: DocumentStatus;
  dialogueRound: number | null;
  ownerPartyId: string;
  parentId: string | null;
  attachmentNumber: number | null;
  summary: string | null;
  startsOn: string | null;
  endsOn: string | null;
  public: boolean;
  createdAt: string;
  updatedAt: string;
  permissions?: Permissions;
}

export interface DocumentParty {
  partyId: string;
  name: string;
  kind: PartyKind;
  role: 'signatory' | 'observer';
  approval: 'pending' | 'approved' | 'rejected';
  approvedAt: string | null;
  approvedBy: string | null;
}

export type StageStatus = 'planned' | 'in_progress' | 'done' | 'cancelled';

export interface Precondition {
  id: string;
  stageId: string;
  requiresStageId: string | null;
  requirement: 'planned' | 'in_progress' | 'done' | 'other';
  description: string;
  metAt: string | null;
  met: boolean;
}

export interface Stage {
  id: string;
  documentId: string;
  position: number;
  title: string;
  description: string | null;
  status: StageStatus;
  startsOn: string | null;
  targetOn: string | null;
  endsOn: string | null;
  preconditions: Precondition[];
}

export interface Checkpoint {
  id: string;
  documentId: string;
  stageId: string | null;
  dueOn: string;
  title: string;
  reportTo: string | null;
  outcome: string | null;
  heldOn: string | null;
}

export interface Body {
  id: string;
  partyId: string;
  name: string;
  kind: 'board' | 'executive_board' | 'council' | 'other';
}

export interface Decision {
  id: string;
  documentId: string;
  bodyId: string;
  body: Body;
  reference: string | null;
  decidedOn: string | null;
  state: 'proposed' | 'adopted' | 'rejected';
  preamble: string | null;
  clauses: { id: string; position: number; text: string; refersToDocumentId: string | null }[];
}

export interface Attendee {
  id: string;
  name: string;
  partyId: string | null;
  userId: string | null;
}

export interface Meeting {
  id: string;
  roundId: string;
  partyId: string;
  heldAt: string | null;
  location: string | null;
  minutesDocumentId: string | null;
  attendees: Attendee[];
}

export interface Round {
  id: string;
  documentId: string;
  number: number;
  title: string | null;
  startsOn: string | null;
  endsOn: string | null;
  status: 'open' | 'closed';
  meetings: Meeting[];
}

export type FeedbackState = 'open' | 'incorporated' | 'partly_incorporated' | 'not_incorporated' | 'withdrawn';

export interface Feedback {
  id: string;
  documentId: string;
  partyId: string;
  roundId: string | null;
  meetingId: string | null;
  authorId: string | null;
  body: string;
  state: FeedbackState;
  answer: string | null;
  location: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  createdAt: string;
}

export interface CostShare {
  id: string;
  stageId: string | null;
  partyId: string | null;
  label: string;
  basisPoints: number;
  note: string | null;
}

export interface Resource {
  id: string;
  description: string;
  fteHundredths: number | null;
  financedBy: string | null;
}

export interface DocumentDetail {
  document: DocumentSummary & { permissions: Permissions };
  parties: DocumentParty[];
  attachments: DocumentSummary[];
  stages: Stage[];
  checkpoints: Checkpoint[];
  decisions: Decision[];
  rounds: Round[];
  costShares: CostShare[];
  resources: Resource[];
  meeting: Meeting | null;
  myRoles: Record<string, MemberRole>;
  /** The document's live-channel seq when this was read (open /live/<id>?since= it). */
  eventSeq?: number;
}

export interface DocumentList {
  items: DocumentSummary[];
  nextCursor: string | null;
}

export interface Dashboard {
  checkpoints: (Checkpoint & { documentTitle: string })[];
  feedback: (Feedback & { documentTitle: string })[];
}

export interface Invitation {
  id: string;
  email: string;
  name: string | null;
  role: MemberRole;
  expiresAt: string;
  acceptedAt: string | null;
}

export interface InvitationInfo {
  email: string;
  name: string | null;
  party: Party;
  role: MemberRole;
  expiresAt: string;
  /** Only when logged in: whether this browser is logged in as the invited account. */
  session?: 'invitee' | 'other';
}

export interface ExampleResult {
  created: boolean;
  accounts: { email: string; password: string; role: string; party: string }[];
}
