import type { Kysely } from 'kysely';
import { allSignatoriesApproved, canMove } from '../../shared/lifecycle.js';
import { atLeast, isFrozen, mayApproveFor, type MemberRole } from '../../shared/permissions.js';
import type { DocumentStatus, documentInput, documentPatch } from '../../shared/schemas.js';
import type { z } from 'zod';
import { documentAccess } from '../auth/access.js';
import { audit } from '../audit.js';
import type { Database, DocumentRow, User } from '../db/database.js';
import { patchOf } from '../db/patch.js';
import type { Deps } from '../env.js';
import { fail } from '../errors.js';
import { newId, now } from '../time.js';
import { requireDateOrder } from './date-order.js';
import { inTransaction } from './transaction.js';

/* Multi-step writes on documents: each in one transaction with its audit entry. */

type TxDeps = Pick<Deps, 'db' | 'events'>;
type Actor = Pick<User, 'id' | 'is_admin'>;
type Db = Kysely<Database>;

export async function createDocument(
  deps: TxDeps,
  actor: Actor,
  roles: Map<string, MemberRole>,
  input: z.infer<typeof documentInput>,
): Promise<DocumentRow> {
  return inTransaction(deps, async (trx) => {
    let parent: DocumentRow | undefined;
    if (input.parentId) {
      parent = await trx.selectFrom('documents').selectAll().where('id', '=', input.parentId).executeTakeFirst();
      if (!parent) fail('validation', 'The parent document does not exist.', [{ path: 'parentId', message: 'Unknown document.' }]);
      if (parent.parent_id) fail('validation', 'A bilaga belongs to an agreement, not to another bilaga.', [{ path: 'parentId', message: 'Nested too deep.' }]);
    } else if (input.attachmentNumber != null) {
      fail('validation', 'Only a bilaga (with parentId) has an attachment number.', [{ path: 'attachmentNumber', message: 'Needs parentId.' }]);
    }
    const ownerPartyId = input.ownerPartyId ?? parent?.owner_party_id ?? firstEditableParty(roles);
    if (!ownerPartyId) fail('forbidden', 'You need an editor role in a party to create documents.');
    if (input.ownerPartyId && !(await trx.selectFrom('parties').select('id').where('id', '=', input.ownerPartyId).executeTakeFirst())) {
      fail('validation', 'The owning party does not exist.', [{ path: 'ownerPartyId', message: 'Unknown party.' }]);
    }
    const ownerRole = actor.is_admin ? 'admin' : (roles.get(ownerPartyId) ?? null);
    const parentAccess = parent && (await documentAccess(trx, actor, parent.id));
    const parentRole = parentAccess && (actor.is_admin ? 'admin' : parentAccess.role);
    // A parent the user may not read answers like an unknown one: existence is not leaked.
    if (parent && !parentRole) fail('validation', 'The parent document does not exist.', [{ path: 'parentId', message: 'Unknown document.' }]);
    if (!atLeast(parent ? parentRole : ownerRole, 'editor')) {
      fail('forbidden', parent ? 'You may not add documents to that agreement.' : 'You need an editor role in the owning party.');
    }
    if (parent) await checkBilaga(trx, parent, ownerPartyId, input.parties);
    const partyRefs = (input.parties ?? []).map((p) => (typeof p === 'string' ? { partyId: p, role: 'signatory' as const } : p));
    const ts = now();
    const doc = await trx
      .insertInto('documents')
      .values({
        id: newId(),
        kind: input.kind,
        title: input.title,
        reference: input.reference ?? null,
        status: 'draft',
        dialogue_round: null,
        owner_party_id: ownerPartyId,
        parent_id: parent?.id ?? null,
        attachment_number: input.attachmentNumber ?? null,
        summary: input.summary ?? null,
        starts_on: null,
        ends_on: null,
        public: 0,
        created_by: actor.id,
        created_at: ts,
        updated_at: ts,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const all = new Map<string, 'signatory' | 'observer'>([[ownerPartyId, 'signatory']]);
    for (const p of partyRefs) if (p.partyId !== ownerPartyId) all.set(p.partyId, p.role);
    const known = await trx.selectFrom('parties').select('id').where('id', 'in', [...all.keys()]).execute();
    if (known.length !== all.size) fail('validation', 'Some parties do not exist.', [{ path: 'parties', message: 'Unknown party.' }]);
    await trx
      .insertInto('document_parties')
      .values([...all].map(([partyId, role]) => ({ document_id: doc.id, party_id: partyId, role, approval: 'pending' as const, approved_by: null, approved_at: null })))
      .execute();
    await audit(trx, { actorId: actor.id, action: 'document.create', entity: 'document', entityId: doc.id, documentId: doc.id, data: { title: doc.title, kind: doc.kind } });
    return doc;
  });
}

/*
 * A bilaga is governed by its agreement's parties, so it may name no parties of its own
 * (they would govern nothing, yet lists once showed its content to them), its owner must be
 * one of the agreement's parties (400: the input names the wrong party), and a frozen
 * agreement takes no new bilaga (409: the agreement's state, not the input, is in the way).
 */
async function checkBilaga(trx: Db, parent: DocumentRow, ownerPartyId: string, parties: unknown[] | undefined) {
  if (isFrozen(parent.status)) fail('invalidState', `The agreement is ${parent.status}: it takes no new bilaga.`);
  if (parties?.length) {
    fail('validation', 'A bilaga has the parties of its agreement.', [{ path: 'parties', message: 'Not allowed on a bilaga.' }]);
  }
  const isParty =
    ownerPartyId === parent.owner_party_id ||
    (await trx.selectFrom('document_parties').select('party_id').where('document_id', '=', parent.id).where('party_id', '=', ownerPartyId).executeTakeFirst()) !== undefined;
  if (!isParty) {
    fail('validation', 'The owner of a bilaga is a party of its agreement.', [{ path: 'ownerPartyId', message: 'Not a party of the agreement.' }]);
  }
}

function firstEditableParty(roles: Map<string, MemberRole>): string | undefined {
  for (const [partyId, role] of roles) if (atLeast(role, 'editor')) return partyId;
  return undefined;
}

export async function changeStatus(deps: Deps, actor: Actor, { documentId, to }: { documentId: string; to: DocumentStatus }): Promise<DocumentRow> {
  const moved = await inTransaction(deps, async (trx) => {
    const doc = await trx.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirstOrThrow();
    if (doc.status === to) return doc;
    if (to === 'published') fail('invalidState', 'A document is published by creating a publication, not by setting its status.');
    if (!canMove(doc.status, to)) fail('invalidState', `A document cannot move from ${doc.status} to ${to}.`);
    const parties = await trx.selectFrom('document_parties').select(['role', 'approval']).where('document_id', '=', documentId).execute();
    if (to === 'adopted' && !allSignatoriesApproved(parties)) {
      fail('invalidState', 'Every signing party must approve before the agreement is adopted.');
    }
    if (doc.status === 'proposed' && (to === 'draft' || to === 'in_dialogue')) {
      // The text may change again: earlier approvals no longer cover it.
      await trx
        .updateTable('document_parties')
        .set({ approval: 'pending', approved_by: null, approved_at: null })
        .where('document_id', '=', documentId)
        .execute();
    }
    const updated = await trx
      .updateTable('documents')
      .set({
        status: to,
        updated_at: now(),
        ...(to === 'in_dialogue' && doc.dialogue_round === null ? { dialogue_round: 1 } : {}),
      })
      .where('id', '=', documentId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { actorId: actor.id, action: 'document.status', entity: 'document', entityId: documentId, documentId, data: { from: doc.status, to } });
    return updated;
  });
  deps.events.emit('document.access.changed', { documentId });
  return moved;
}

/** `roles`: the actor's best role per party of the document. A bilaga is approved with its agreement. */
export async function setApproval(
  deps: Deps,
  actor: Actor,
  { documentId, roles, partyId, approval }: { documentId: string; roles: Map<string, MemberRole>; partyId: string; approval: 'approved' | 'rejected' | 'pending' },
): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const doc = await trx.selectFrom('documents').select(['status', 'parent_id']).where('id', '=', documentId).executeTakeFirstOrThrow();
    if (doc.parent_id) fail('invalidState', 'A bilaga is approved with its agreement.');
    if (!mayApproveFor(roles.get(partyId))) fail('forbidden', "Only the party's editors and admins may approve on its behalf.");
    if (doc.status !== 'proposed') fail('invalidState', 'Approvals are given while the agreement is proposed (förslag till beslut).');
    const row = await trx
      .selectFrom('document_parties')
      .select('role')
      .where('document_id', '=', documentId)
      .where('party_id', '=', partyId)
      .executeTakeFirst();
    if (!row) fail('notFound', 'That party is not a party to this document.');
    if (row.role !== 'signatory') fail('invalidState', 'Only signing parties approve.');
    await trx
      .updateTable('document_parties')
      .set({
        approval,
        approved_by: approval === 'pending' ? null : actor.id,
        approved_at: approval === 'pending' ? null : now(),
      })
      .where('document_id', '=', documentId)
      .where('party_id', '=', partyId)
      .execute();
    await trx.updateTable('documents').set({ updated_at: now() }).where('id', '=', documentId).execute();
    await audit(trx, { actorId: actor.id, action: `document.approval.${approval}`, entity: 'document', entityId: documentId, documentId, data: { partyId } });
  });
}

export async function setDocumentParty(
  deps: Deps,
  actor: Actor,
  { documentId, partyId, role }: { documentId: string; partyId: string; role: 'signatory' | 'observer' },
): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const doc = await trx.selectFrom('documents').select(['owner_party_id', 'parent_id', 'status']).where('id', '=', documentId).executeTakeFirstOrThrow();
    if (doc.parent_id) fail('invalidState', 'A bilaga has the parties of its agreement.');
    if (isFrozen(doc.status)) fail('invalidState', `The parties of a document that is ${doc.status} are fixed; move it back to draft first.`);
    if (partyId === doc.owner_party_id && role !== 'signatory') fail('invalidState', 'The owning party signs.');
    const party = await trx.selectFrom('parties').select('id').where('id', '=', partyId).executeTakeFirst();
    if (!party) fail('notFound', 'No such party.');
    await trx
      .insertInto('document_parties')
      .values({ document_id: documentId, party_id: partyId, role, approval: 'pending', approved_by: null, approved_at: null })
      .onConflict((oc) => oc.columns(['document_id', 'party_id']).doUpdateSet({ role }))
      .execute();
    await trx.updateTable('documents').set({ updated_at: now() }).where('id', '=', documentId).execute();
    await audit(trx, { actorId: actor.id, action: 'document.party.set', entity: 'document', entityId: documentId, documentId, data: { partyId, role } });
  });
  deps.events.emit('document.access.changed', { documentId });
}

export async function removeDocumentParty(deps: Deps, actor: Actor, { documentId, partyId }: { documentId: string; partyId: string }): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const doc = await trx.selectFrom('documents').select(['owner_party_id', 'status']).where('id', '=', documentId).executeTakeFirstOrThrow();
    if (partyId === doc.owner_party_id) fail('invalidState', 'The owning party cannot be removed.');
    if (isFrozen(doc.status)) fail('invalidState', `The parties of a document that is ${doc.status} are fixed; move it back to draft first.`);
    const res = await trx.deleteFrom('document_parties').where('document_id', '=', documentId).where('party_id', '=', partyId).executeTakeFirst();
    if (res.numDeletedRows === 0n) fail('notFound', 'That party is not a party to this document.');
    await trx.updateTable('documents').set({ updated_at: now() }).where('id', '=', documentId).execute();
    await audit(trx, { actorId: actor.id, action: 'document.party.remove', entity: 'document', entityId: documentId, documentId, data: { partyId } });
  });
  deps.events.emit('document.access.changed', { documentId });
}

export async function deleteDocument(deps: Deps, actor: Actor, { documentId }: { documentId: string }): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const doc = await trx.selectFrom('documents').select(['status', 'title']).where('id', '=', documentId).executeTakeFirstOrThrow();
    if (doc.status !== 'draft') fail('invalidState', 'Only a draft can be deleted; withdraw the document instead.');
    const published = await trx.selectFrom('publications').select('id').where('document_id', '=', documentId).executeTakeFirst();
    if (published) fail('invalidState', 'A document with publications cannot be deleted.');
    await trx.updateTable('meetings').set({ minutes_document_id: null }).where('minutes_document_id', '=', documentId).execute();
    // Audited first: a bilaga's deletion is announced on its agreement's channel, found through the row.
    await audit(trx, { actorId: actor.id, action: 'document.delete', entity: 'document', entityId: documentId, documentId, data: { title: doc.title } });
    await trx.deleteFrom('documents').where('id', '=', documentId).execute();
  });
  deps.events.emit('document.access.changed', { documentId });
}

export async function updateDocument(
  deps: Deps,
  actor: Actor,
  { documentId, ...input }: z.infer<typeof documentPatch> & { documentId: string },
): Promise<DocumentRow> {
  return inTransaction(deps, async (trx) => {
    const stored = await trx.selectFrom('documents').select(['starts_on', 'ends_on']).where('id', '=', documentId).executeTakeFirstOrThrow();
    requireDateOrder(input, { startsOn: stored.starts_on, endsOn: stored.ends_on }, 'startsOn', 'endsOn');
    const updated = await trx
      .updateTable('documents')
      .set({
        ...patchOf('documents', input, {
          title: 'title',
          reference: 'reference',
          summary: 'summary',
          startsOn: 'starts_on',
          endsOn: 'ends_on',
          public: (isPublic) => ({ public: isPublic ? 1 : 0 }),
          dialogueRound: 'dialogue_round',
        }),
        updated_at: now(),
      })
      .where('id', '=', documentId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { actorId: actor.id, action: 'document.update', entity: 'document', entityId: updated.id, documentId: updated.id, data: input });
    return updated;
  });
}
