import type { InferResponseType } from 'hono/client';
import type { MemberRole } from '../../../shared/permissions.js';
import type { DocumentKind, DocumentStatus, PartyKind } from '../../../shared/schemas.js';
import type { rpc } from './client.js';

/*
 * The JSON shapes the client reads, each derived from the route that answers it (through
 * `AppType`): nothing here is written by hand, so a renamed presenter field fails the
 * client's type check. The enums come from shared/.
 */

export type { DocumentKind, DocumentStatus, MemberRole, PartyKind };

type Api = typeof rpc;
type Answer<F> = InferResponseType<F>;
type Item<L> = L extends readonly (infer T)[] ? T : never;

export type SessionPayload = Answer<Api['me']['$get']>;
export type User = SessionPayload['user'];
/** A membership as the session gives it (with its party). */
export type SessionMembership = Item<SessionPayload['memberships']>;
export type SetupState = Answer<Api['setup']['$get']>;
export type SetupAnswer = Answer<Api['setup']['$post']>;

export type PartyList = Answer<Api['parties']['$get']>;
export type Party = Item<PartyList['items']>;
/** A party's member as the admin page lists them (with the person). */
export type Membership = Item<Answer<Api['parties'][':id']['members']['$get']>['items']>;
export type Invitation = Item<Answer<Api['parties'][':id']['invitations']['$get']>['items']>;
export type InvitationCreated = Answer<Api['parties'][':id']['invitations']['$post']>;
export type InvitationInfo = Answer<Api['invitations'][':token']['$get']>;

export type DocumentList = Answer<Api['documents']['$get']>;
export type DocumentSummary = Item<DocumentList['items']>;
export type DocumentDetail = Answer<Api['documents'][':id']['$get']>;
export type Capabilities = DocumentDetail['document']['permissions'];
export type DocumentParty = Item<DocumentDetail['parties']>;
export type Stage = Item<DocumentDetail['stages']>;
export type StageStatus = Stage['status'];
export type Precondition = Item<Stage['preconditions']>;
export type Checkpoint = Item<DocumentDetail['checkpoints']>;
export type Decision = Item<DocumentDetail['decisions']>;
export type Round = Item<DocumentDetail['rounds']>;
export type Meeting = Item<Round['meetings']>;
export type CostShare = Item<DocumentDetail['costShares']>;
export type Resource = Item<DocumentDetail['resources']>;

export type Dashboard = Answer<Api['dashboard']['$get']>;
export type ExampleResult = Answer<Api['example']['$post']>;
export type Body = Decision['body'];
export type Feedback = Item<Answer<Api['documents'][':id']['feedback']['$get']>['items']>;
export type Comment = Item<Answer<Api['documents'][':id']['comments']['$get']>['items']>;
export type Publication = Item<DocumentDetail['publications']>;
export type TimelineEntry = Item<DocumentDetail['versions']>;
export type CompareAnswer = Answer<Api['documents'][':id']['compare']['$get']>;
export type MentionablePerson = Item<Answer<Api['documents'][':id']['comments']['people']['$get']>['items']>;
export type Mention = Item<Dashboard['mentions']>;
