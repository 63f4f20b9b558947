import type { Selectable } from 'kysely';
import { readStoredAnchor } from '../../shared/anchor.js';
import type { Database } from '../db/database.js';

type Row<T extends keyof Database> = Selectable<Database[T]>;

export function presentPrecondition(p: Row<'stage_preconditions'>, met: boolean) {
  return {
    id: p.id,
    stageId: p.stage_id,
    requiresStageId: p.requires_stage_id,
    requirement: p.requirement,
    description: p.description,
    metAt: p.met_at,
    met,
  };
}

export function presentStage(s: Row<'stages'>, preconditions: ReturnType<typeof presentPrecondition>[]) {
  return {
    id: s.id,
    documentId: s.document_id,
    position: s.position,
    title: s.title,
    description: s.description,
    status: s.status,
    startsOn: s.starts_on,
    targetOn: s.target_on,
    endsOn: s.ends_on,
    preconditions,
  };
}

export function presentCheckpoint(k: Row<'checkpoints'>) {
  return {
    id: k.id,
    documentId: k.document_id,
    stageId: k.stage_id,
    dueOn: k.due_on,
    title: k.title,
    reportTo: k.report_to,
    outcome: k.outcome,
    heldOn: k.held_on,
  };
}

export function presentBody(b: Row<'bodies'>) {
  return { id: b.id, partyId: b.party_id, name: b.name, kind: b.kind };
}

export function presentDecision(d: Row<'decisions'>, body: Row<'bodies'>, clauses: Row<'decision_clauses'>[]) {
  return {
    id: d.id,
    documentId: d.document_id,
    bodyId: d.body_id,
    body: presentBody(body),
    reference: d.reference,
    decidedOn: d.decided_on,
    state: d.state,
    preamble: d.preamble,
    clauses: clauses.map((k) => ({ id: k.id, position: k.position, text: k.text, refersToDocumentId: k.refers_to_document_id, refersToPublicationId: k.refers_to_publication_id })),
  };
}

export interface JusteringFacts {
  lockedAt: string | null;
  adjustments: Array<{ user_id: string; attempt: number; adjusted_at: string; name: string | null }>;
  reopenings: Array<Row<'minutes_reopenings'> & { reopened_by_name: string | null }>;
}

/**
 * Who adjusts the minutes and how far they are: the current attempt's adjusters with their
 * time, and the earlier attempts each closed by a correction (the meeting's timeline).
 */
function presentJustering(m: Row<'meetings'>, attendees: Row<'meeting_attendees'>[], j: JusteringFacts) {
  const of = (attempt: number) => j.adjustments.filter((a) => a.attempt === attempt);
  const current = of(m.justering_attempt);
  return {
    attempt: m.justering_attempt,
    justeradAt: j.lockedAt,
    adjusters: attendees
      .filter((a) => a.adjuster && a.user_id)
      .map((a) => ({ userId: a.user_id!, name: a.name, adjustedAt: current.find((c) => c.user_id === a.user_id)?.adjusted_at ?? null })),
    history: j.reopenings
      .sort((a, b) => a.attempt - b.attempt)
      .map((r) => ({
        attempt: r.attempt,
        adjustments: of(r.attempt).map((a) => ({ userId: a.user_id, name: a.name, adjustedAt: a.adjusted_at })),
        reopenedAt: r.reopened_at,
        reopenedBy: r.reopened_by_name,
        reason: r.reason,
      })),
  };
}

export function presentMeeting(m: Row<'meetings'>, attendees: Row<'meeting_attendees'>[], justering: JusteringFacts) {
  return {
    id: m.id,
    roundId: m.round_id,
    partyId: m.party_id,
    heldAt: m.held_at,
    location: m.location,
    minutesDocumentId: m.minutes_document_id,
    attendees: attendees.map((a) => ({ id: a.id, name: a.name, partyId: a.party_id, userId: a.user_id })),
    justering: presentJustering(m, attendees, justering),
  };
}

export function presentRound(r: Row<'dialogue_rounds'>, meetings: ReturnType<typeof presentMeeting>[]) {
  return {
    id: r.id,
    documentId: r.document_id,
    number: r.number,
    title: r.title,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    status: r.status,
    meetings,
  };
}

/** Where an anchored record's passage is now, as the collaboration server resolved it (collab/anchors.ts). */
export interface AnchorState {
  text: string | null;
  from: number | null;
}

const unresolved: AnchorState = { text: null, from: null };

/** `comment_id`: the comment thread the item was made from, when there is one. */
export function presentFeedback(f: Row<'feedback_items'> & { comment_id?: string | null }, where: AnchorState = unresolved) {
  return {
    id: f.id,
    documentId: f.document_id,
    partyId: f.party_id,
    roundId: f.round_id,
    meetingId: f.meeting_id,
    authorId: f.author_id,
    body: f.body,
    state: f.state,
    answer: f.answer,
    location: f.location,
    anchor: readStoredAnchor(f.anchor),
    quote: f.quote,
    anchoredText: where.text,
    commentId: f.comment_id ?? null,
    answeredBy: f.answered_by,
    answeredAt: f.answered_at,
    createdAt: f.created_at,
    incorporatedAnchor: f.incorporated_anchor ? (JSON.parse(f.incorporated_anchor) as { start: string; end: string; quote?: string }) : null,
  };
}

export function presentComment(
  k: Row<'comments'> & { author_name?: string | null; mentions?: { userId: string; name: string }[] },
  where: AnchorState = unresolved,
) {
  return {
    id: k.id,
    documentId: k.document_id,
    authorId: k.author_id,
    authorName: k.author_name ?? null,
    parentId: k.parent_id,
    feedbackId: k.feedback_id,
    anchor: readStoredAnchor(k.anchor),
    quote: k.quote,
    /** The words the anchor spans now; null when they were deleted (or there is no anchor). */
    anchoredText: where.text,
    /** Where the passage starts in the text now, for ordering a list by position. */
    position: where.from,
    body: k.body,
    mentions: k.mentions ?? [],
    resolvedAt: k.resolved_at,
    resolvedBy: k.resolved_by,
    deletedAt: k.deleted_at,
    createdAt: k.created_at,
    updatedAt: k.updated_at,
  };
}

export function presentCostShare(s: Row<'cost_shares'>) {
  return { id: s.id, stageId: s.stage_id, partyId: s.party_id, label: s.label, basisPoints: s.basis_points, note: s.note, joint: s.joint === 1 };
}

export function presentResource(r: Row<'resources'>) {
  return { id: r.id, description: r.description, fteHundredths: r.fte_hundredths, financedBy: r.financed_by };
}
