import type { JSONContent } from '@tiptap/core';
import { audit } from '../audit.js';
import type { Deps } from '../env.js';
import { fail } from '../errors.js';
import { newId, now } from '../time.js';
import type { Actor } from './actor.js';
import { inTransaction } from './transaction.js';

/*
 * Justering of a meeting's minutes. Each justerare approves the current attempt; when the
 * last one has, the minutes document is locked (documents.locked_at): read-only for everyone,
 * and the collaboration server stores no more updates for it (persistence.frozenDocumentIds).
 * A correction unlocks it, is recorded with its reason, and starts the next attempt.
 * The audit entries name the minutes document, so its page reloads (and its agreement's
 * page refreshes the meeting) at once.
 */

export interface JusteringResult {
  minutesDocumentId: string;
  justerad: boolean;
}

export async function adjustMinutes(deps: Deps, actor: Actor, { meetingId }: { meetingId: string }): Promise<JusteringResult> {
  const result = await inTransaction(deps, async (trx) => {
    const meeting = await trx.selectFrom('meetings').select(['minutes_document_id', 'justering_attempt']).where('id', '=', meetingId).executeTakeFirstOrThrow();
    const minutesId = meeting.minutes_document_id ?? fail('invalidState', 'The meeting has no minutes to adjust.');
    // The minutes row first: the commit of live updates locks it before its agreement, and so do we.
    const minutes = await trx.updateTable('documents').set({ updated_at: now() }).where('id', '=', minutesId).returning(['locked_at']).executeTakeFirstOrThrow();
    if (minutes.locked_at) fail('invalidState', 'The minutes are already justerade; a correction reopens them first.');
    const adjusters = await trx.selectFrom('meeting_attendees').select('user_id').where('meeting_id', '=', meetingId).where('adjuster', '=', 1).execute();
    const adjusterIds = new Set(adjusters.flatMap((a) => (a.user_id ? [a.user_id] : [])));
    if (!adjusterIds.has(actor.id)) fail('forbidden', 'Only the justerare named for the meeting adjust its minutes.');
    const attempt = meeting.justering_attempt;
    await trx
      .insertInto('minutes_adjustments')
      .values({ id: newId(), meeting_id: meetingId, user_id: actor.id, attempt, adjusted_at: now() })
      .onConflict((oc) => oc.columns(['meeting_id', 'user_id', 'attempt']).doNothing())
      .execute();
    const done = await trx.selectFrom('minutes_adjustments').select('user_id').where('meeting_id', '=', meetingId).where('attempt', '=', attempt).execute();
    const justerad = [...adjusterIds].every((id) => done.some((d) => d.user_id === id));
    await audit(trx, { actorId: actor.id, action: 'minutes.adjust', entity: 'meeting', entityId: meetingId, documentId: minutesId, data: { attempt } });
    if (justerad) {
      await trx.updateTable('documents').set({ locked_at: now() }).where('id', '=', minutesId).execute();
      await audit(trx, { actorId: actor.id, action: 'minutes.justerad', entity: 'meeting', entityId: meetingId, documentId: minutesId, data: { attempt } });
    }
    return { minutesDocumentId: minutesId, justerad };
  });
  // Open editors of the minutes turn read-only now, not at their next reconnect.
  if (result.justerad) deps.events.emit('document.access.changed', { documentId: result.minutesDocumentId });
  return result;
}

/** A correction after justering: the minutes open again for editing and need a new justering. */
export async function reopenMinutes(deps: Deps, actor: Actor, { meetingId, reason }: { meetingId: string; reason: string }): Promise<JusteringResult> {
  const result = await inTransaction(deps, async (trx) => {
    const meeting = await trx.selectFrom('meetings').select(['minutes_document_id', 'justering_attempt']).where('id', '=', meetingId).executeTakeFirstOrThrow();
    const minutesId = meeting.minutes_document_id ?? fail('invalidState', 'The meeting has no minutes.');
    const minutes = await trx.selectFrom('documents').select('locked_at').where('id', '=', minutesId).executeTakeFirstOrThrow();
    if (!minutes.locked_at) fail('invalidState', 'The minutes are not justerade: correct them in the editor.');
    await trx.updateTable('documents').set({ locked_at: null, updated_at: now() }).where('id', '=', minutesId).execute();
    await trx
      .insertInto('minutes_reopenings')
      .values({ id: newId(), meeting_id: meetingId, attempt: meeting.justering_attempt, reason, reopened_by: actor.id, reopened_at: now() })
      .execute();
    await trx.updateTable('meetings').set({ justering_attempt: meeting.justering_attempt + 1 }).where('id', '=', meetingId).execute();
    await audit(trx, { actorId: actor.id, action: 'minutes.reopen', entity: 'meeting', entityId: meetingId, documentId: minutesId, data: { attempt: meeting.justering_attempt, reason } });
    return { minutesDocumentId: minutesId, justerad: false };
  });
  deps.events.emit('document.access.changed', { documentId: result.minutesDocumentId });
  return result;
}

export interface TemplateMeeting {
  partyName: string;
  roundNumber: number;
  heldAt: string | null;
  location: string | null;
  attendees: Array<{ name: string; partyName: string | null; adjuster: boolean }>;
}

const text = (s: string): JSONContent => ({ type: 'text', text: s });
const heading = (level: number, s: string): JSONContent => ({ type: 'heading', attrs: { level }, content: [text(s)] });
const paragraph = (s?: string): JSONContent => (s ? { type: 'paragraph', content: [text(s)] } : { type: 'paragraph' });
const list = (type: 'bulletList' | 'orderedList', items: string[]): JSONContent => ({
  type,
  content: items.map((s) => ({ type: 'listItem', content: [paragraph(s)] })),
});

/** Stockholm time as the minutes write it: 2019-10-08 11:00. */
function localTime(iso: string): string {
  return new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

/** The minutes a meeting starts with: närvarande, dagordning, synpunkter, beslut, justering. */
export function minutesTemplate(m: TemplateMeeting): JSONContent {
  const present = m.attendees.map((a) => (a.partyName ? `${a.name} (${a.partyName})` : a.name));
  const adjusters = m.attendees.filter((a) => a.adjuster).map((a) => a.name);
  const facts = [m.heldAt ? `Tid: ${localTime(m.heldAt)}` : null, m.location ? `Plats: ${m.location}` : null].filter((s): s is string => s !== null);
  return {
    type: 'doc',
    content: [
      heading(1, `Minnesanteckningar: ${m.partyName}, dialogomgång ${m.roundNumber}`),
      ...(facts.length ? [paragraph(facts.join('. '))] : []),
      heading(2, 'Närvarande'),
      present.length ? list('bulletList', present) : paragraph(),
      heading(2, 'Dagordning'),
      list('orderedList', ['Mötets öppnande', 'Genomgång av förslaget till överenskommelse', 'Synpunkter', 'Övriga frågor', 'Mötets avslutande']),
      heading(2, 'Synpunkter'),
      paragraph(),
      heading(2, 'Beslut'),
      paragraph(),
      heading(2, 'Justering'),
      paragraph(adjusters.length ? `Justeras av: ${adjusters.join(', ')}` : 'Justerare utses vid mötet.'),
    ],
  };
}
