import type { Kysely } from 'kysely';
import {
  presentCheckpoint,
  presentCostShare,
  presentDecision,
  presentFeedback,
  presentMeeting,
  presentPrecondition,
  presentResource,
  presentRound,
  presentStage,
} from '../../presenters/metadata.js';
import type { Database } from '../database.js';

/* Loaders for an agreement's structured metadata, already presented for the API. */

type Db = Kysely<Database>;

const stageRank = { planned: 1, in_progress: 2, done: 3, cancelled: 0 } as const;

/** A precondition on another stage is met once that stage has reached the required status. */
export function preconditionMet(
  p: { requirement: string; requires_stage_id: string | null; met_at: string | null },
  stages: ReadonlyMap<string, { status: keyof typeof stageRank }>,
): boolean {
  if (p.met_at) return true;
  if (p.requirement === 'other' || !p.requires_stage_id) return false;
  const other = stages.get(p.requires_stage_id);
  return other !== undefined && stageRank[other.status] >= stageRank[p.requirement as 'planned'];
}

export async function loadStages(db: Db, documentId: string) {
  const stages = await db.selectFrom('stages').selectAll().where('document_id', '=', documentId).orderBy('position').execute();
  const pre = stages.length
    ? await db.selectFrom('stage_preconditions').selectAll().where('stage_id', 'in', stages.map((s) => s.id)).execute()
    : [];
  const byId = new Map(stages.map((s) => [s.id, s]));
  return stages.map((s) =>
    presentStage(
      s,
      pre.filter((p) => p.stage_id === s.id).map((p) => presentPrecondition(p, preconditionMet(p, byId))),
    ),
  );
}

export async function loadStage(db: Db, stageId: string) {
  const stage = await db.selectFrom('stages').select('document_id').where('id', '=', stageId).executeTakeFirstOrThrow();
  return (await loadStages(db, stage.document_id)).find((s) => s.id === stageId)!;
}

export async function loadCheckpoints(db: Db, documentId: string) {
  const rows = await db.selectFrom('checkpoints').selectAll().where('document_id', '=', documentId).orderBy('due_on').execute();
  return rows.map(presentCheckpoint);
}

export async function loadDecisions(db: Db, documentId: string, decisionId?: string) {
  let q = db
    .selectFrom('decisions')
    .selectAll()
    .where('document_id', '=', documentId)
    .orderBy('created_at');
  if (decisionId) q = q.where('id', '=', decisionId);
  const decisions = await q.execute();
  if (!decisions.length) return [];
  const ids = decisions.map((d) => d.id);
  const [bodies, clauses] = await Promise.all([
    db.selectFrom('bodies').selectAll().where('id', 'in', decisions.map((d) => d.body_id)).execute(),
    db.selectFrom('decision_clauses').selectAll().where('decision_id', 'in', ids).orderBy('position').execute(),
  ]);
  return decisions.map((d) =>
    presentDecision(d, bodies.find((b) => b.id === d.body_id)!, clauses.filter((k) => k.decision_id === d.id)),
  );
}

export async function loadMeetings(db: Db, where: { roundIds?: string[]; meetingId?: string }) {
  let q = db.selectFrom('meetings').selectAll().orderBy('held_at').orderBy('created_at');
  if (where.meetingId) q = q.where('id', '=', where.meetingId);
  if (where.roundIds) {
    if (!where.roundIds.length) return [];
    q = q.where('round_id', 'in', where.roundIds);
  }
  const meetings = await q.execute();
  if (!meetings.length) return [];
  const ids = meetings.map((m) => m.id);
  const minutesIds = meetings.flatMap((m) => (m.minutes_document_id ? [m.minutes_document_id] : []));
  const [attendees, adjustments, reopenings, locks] = await Promise.all([
    db.selectFrom('meeting_attendees').selectAll().where('meeting_id', 'in', ids).orderBy('name').execute(),
    db
      .selectFrom('minutes_adjustments as j')
      .leftJoin('users as u', 'u.id', 'j.user_id')
      .select(['j.meeting_id', 'j.user_id', 'j.attempt', 'j.adjusted_at', 'u.name'])
      .where('j.meeting_id', 'in', ids)
      .orderBy('j.adjusted_at')
      .execute(),
    db
      .selectFrom('minutes_reopenings as r')
      .leftJoin('users as u', 'u.id', 'r.reopened_by')
      .selectAll('r')
      .select('u.name as reopened_by_name')
      .where('r.meeting_id', 'in', ids)
      .execute(),
    minutesIds.length ? db.selectFrom('documents').select(['id', 'locked_at']).where('id', 'in', minutesIds).execute() : Promise.resolve([]),
  ]);
  return meetings.map((m) =>
    presentMeeting(
      m,
      attendees.filter((a) => a.meeting_id === m.id),
      {
        lockedAt: locks.find((d) => d.id === m.minutes_document_id)?.locked_at ?? null,
        adjustments: adjustments.filter((a) => a.meeting_id === m.id),
        reopenings: reopenings.filter((r) => r.meeting_id === m.id),
      },
    ),
  );
}

export async function loadRounds(db: Db, documentId: string, roundId?: string) {
  let q = db.selectFrom('dialogue_rounds').selectAll().where('document_id', '=', documentId).orderBy('number');
  if (roundId) q = q.where('id', '=', roundId);
  const rounds = await q.execute();
  const meetings = await loadMeetings(db, { roundIds: rounds.map((r) => r.id) });
  return rounds.map((r) => presentRound(r, meetings.filter((m) => m.roundId === r.id)));
}

export async function loadFeedback(db: Db, documentId: string, filter: { state?: string; party?: string; round?: string } = {}) {
  let q = db
    .selectFrom('feedback_items')
    .selectAll()
    // The thread it was made from (comments.feedback_id): the link the other way.
    .select((eb) => eb.selectFrom('comments as c').select('c.id').whereRef('c.feedback_id', '=', 'feedback_items.id').where('c.parent_id', 'is', null).orderBy('c.created_at').limit(1).as('comment_id'))
    .where('document_id', '=', documentId)
    .orderBy('created_at');
  if (filter.state) q = q.where('state', '=', filter.state as 'open');
  if (filter.party) q = q.where('party_id', '=', filter.party);
  if (filter.round) q = q.where('round_id', '=', filter.round);
  return (await q.execute()).map((f) => presentFeedback(f));
}

export async function loadCostShares(db: Db, documentId: string) {
  const rows = await db.selectFrom('cost_shares').selectAll().where('document_id', '=', documentId).orderBy('created_at').orderBy('id').execute();
  return rows.map(presentCostShare);
}

export async function loadResources(db: Db, documentId: string) {
  const rows = await db.selectFrom('resources').selectAll().where('document_id', '=', documentId).orderBy('created_at').execute();
  return rows.map(presentResource);
}

export async function loadDocumentParties(db: Db, documentId: string) {
  const rows = await db
    .selectFrom('document_parties')
    .innerJoin('parties', 'parties.id', 'document_parties.party_id')
    .leftJoin('bodies', 'bodies.id', 'document_parties.approval_body_id')
    .select([
      'document_parties.party_id',
      'parties.name',
      'parties.kind',
      'document_parties.role',
      'document_parties.approval',
      'document_parties.approved_at',
      'document_parties.approved_by',
      'document_parties.approval_body_id',
      'bodies.name as body_name',
      'document_parties.approval_decided_on',
      'document_parties.approval_paragraph',
      'document_parties.approval_version_hash',
    ])
    .where('document_parties.document_id', '=', documentId)
    .orderBy('parties.name')
    .execute();
  return rows.map((r) => ({
    partyId: r.party_id,
    name: r.name,
    kind: r.kind,
    role: r.role,
    approval: r.approval,
    approvedAt: r.approved_at,
    approvedBy: r.approved_by,
    approvalBody: r.approval_body_id ? { id: r.approval_body_id, name: r.body_name ?? '' } : null,
    decidedOn: r.approval_decided_on,
    paragraph: r.approval_paragraph,
    versionHash: r.approval_version_hash,
  }));
}
