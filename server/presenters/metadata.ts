import type { Selectable } from 'kysely';
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

export function presentMeeting(m: Row<'meetings'>, attendees: Row<'meeting_attendees'>[]) {
  return {
    id: m.id,
    roundId: m.round_id,
    partyId: m.party_id,
    heldAt: m.held_at,
    location: m.location,
    minutesDocumentId: m.minutes_document_id,
    attendees: attendees.map((a) => ({ id: a.id, name: a.name, partyId: a.party_id, userId: a.user_id })),
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

export function presentFeedback(f: Row<'feedback_items'>) {
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
    answeredBy: f.answered_by,
    answeredAt: f.answered_at,
    createdAt: f.created_at,
  };
}

export function presentComment(k: Row<'comments'> & { author_name?: string | null }) {
  return {
    id: k.id,
    documentId: k.document_id,
    authorId: k.author_id,
    authorName: k.author_name ?? null,
    parentId: k.parent_id,
    feedbackId: k.feedback_id,
    anchor: k.anchor,
    quote: k.quote,
    body: k.body,
    resolvedAt: k.resolved_at,
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
