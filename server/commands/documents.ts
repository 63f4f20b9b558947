import type { Kysely } from 'kysely';
import { countAdoption, parseAdoptionRule } from '../../shared/adoption.js';
import { canMove } from '../../shared/lifecycle.js';
import { atLeast, isFrozen, mayApproveFor, type MemberRole } from '../../shared/permissions.js';
import type { DocumentStatus, documentInput, documentPatch } from '../../shared/schemas.js';
import type { z } from 'zod';
import { documentAccess } from '../auth/access.js';
import { audit } from '../audit.js';
import type { Database, DocumentRow } from '../db/database.js';
import { patchOf } from '../db/patch.js';
import { storedVersion, type Version } from '../db/repositories/canonical.js';
import type { Deps } from '../env.js';
import { fail } from '../errors.js';
import { newId, now } from '../time.js';
import type { Actor } from './actor.js';
import { lockDocument } from './document-lock.js';
import { requireDateOrder } from './date-order.js';
import { inTransaction } from './transaction.js';

/* Multi-step writes on documents: each in one transaction with its audit entry. */

type TxDeps = Pick<Deps, 'db' | 'events'>;
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
    const doc = await lockDocument(trx, documentId);
    if (doc.status === to) return doc;
    if (to === 'published') fail('invalidState', 'A document is published by creating a publication, not by setting its status.');
    if (!canMove(doc.status, to)) fail('invalidState', `A document cannot move from ${doc.status} to ${to}.`);
    // Under the row lock no update commits meanwhile (persistence.ts textLocked): the text
    // counted here is the text that is frozen.
    if (to === 'adopted') await requireAdoption(trx, doc);
    if (to === 'draft' || to === 'in_dialogue') {
      // The text may change again (also after a publication): earlier approvals no longer cover it.
      await clearApprovals(trx, actor, documentId, `status:${doc.status}->${to}`);
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

async function approvalsOf(trx: Db, documentId: string) {
  return trx
    .selectFrom('document_parties')
    .innerJoin('parties', 'parties.id', 'document_parties.party_id')
    .select(['document_parties.party_id as partyId', 'parties.name', 'parties.kind', 'document_parties.role', 'document_parties.approval', 'document_parties.approval_version_hash as versionHash'])
    .where('document_parties.document_id', '=', documentId)
    .orderBy('parties.name')
    .execute();
}

/** Refuses (409, the code names the reason) unless the rule's fresh approvals of the stored version are in. */
async function requireAdoption(trx: Db, doc: DocumentRow): Promise<void> {
  const version = await storedVersion(trx, doc.id);
  const parties = await approvalsOf(trx, doc.id);
  const rule = parseAdoptionRule(doc.adoption_rule);
  const count = countAdoption(rule, parties, version.hash);
  if (count.ok) return;
  const named = (ids: string[]) => ids.map((id) => ({ partyId: id, name: parties.find((p) => p.partyId === id)?.name ?? '' }));
  const details = { versionHash: version.hash, rule, approved: count.approved, required: count.required, signatories: count.signatories, missing: named(count.missing), stale: named(count.stale) };
  if (count.reason === 'approvalsStale') {
    fail('approvalsStale', 'Some parties approved an earlier version: they must approve the current one before adoption.', details);
  }
  fail('approvalsMissing', 'The approvals the adoption rule needs for this version are not all in.', details);
}

/** Sets every party's approval back to pending, with an audit entry naming why; nothing when none was given. */
async function clearApprovals(trx: Db, actor: Actor, documentId: string, reason: string): Promise<void> {
  const given = await trx
    .selectFrom('document_parties')
    .select(['party_id', 'approval', 'approval_version_hash'])
    .where('document_id', '=', documentId)
    .where('approval', '!=', 'pending')
    .execute();
  if (!given.length) return;
  await trx.updateTable('document_parties').set(pendingApproval).where('document_id', '=', documentId).execute();
  await audit(trx, {
    actorId: actor.id,
    action: 'document.approval.cleared',
    entity: 'document',
    entityId: documentId,
    documentId,
    data: { reason, parties: given.map((g) => ({ partyId: g.party_id, approval: g.approval, versionHash: g.approval_version_hash })) },
  });
}

const pendingApproval = {
  approval: 'pending' as const,
  approved_by: null,
  approved_at: null,
  approval_body_id: null,
  approval_decided_on: null,
  approval_paragraph: null,
  approval_version_hash: null,
};

export interface ApprovalInput {
  documentId: string;
  roles: Map<string, MemberRole>;
  partyId: string;
  approval: 'approved' | 'rejected' | 'pending';
  /** One of the party's bodies: the body that decided. */
  bodyId?: string | null | undefined;
  decidedOn?: string | null | undefined;
  /** The protocol paragraph, e.g. "§ 12". */
  paragraph?: string | null | undefined;
  /** The version the person saw; refused (approvalsStale) when the document has changed since. */
  versionHash?: string | undefined;
}

/**
 * A party's decision on the current version. `roles`: the actor's best role per party of the
 * document. The version is read from the database under the row lock, and kept (its canonical
 * form and Yjs state) so the approved text can be shown later. A bilaga is approved with its agreement.
 */
export async function setApproval(deps: Deps, actor: Actor, input: ApprovalInput): Promise<{ versionHash: string | null }> {
  const { documentId, roles, partyId, approval } = input;
  return inTransaction(deps, async (trx) => {
    const doc = await trx.selectFrom('documents').select(['status', 'parent_id']).where('id', '=', documentId).executeTakeFirstOrThrow();
    if (doc.parent_id) fail('invalidState', 'A bilaga is approved with its agreement.');
    if (!mayApproveFor(roles.get(partyId))) fail('forbidden', "Only the party's editors and admins may approve on its behalf.");
    await lockDocument(trx, documentId);
    if (doc.status !== 'proposed') fail('invalidState', 'Approvals are given while the agreement is proposed (förslag till beslut).');
    const row = await trx
      .selectFrom('document_parties')
      .select('role')
      .where('document_id', '=', documentId)
      .where('party_id', '=', partyId)
      .executeTakeFirst();
    if (!row) fail('notFound', 'That party is not a party to this document.');
    if (row.role !== 'signatory') fail('invalidState', 'Only signing parties approve.');
    if (input.bodyId) {
      const body = await trx.selectFrom('bodies').select('id').where('id', '=', input.bodyId).where('party_id', '=', partyId).executeTakeFirst();
      if (!body) fail('validation', "The deciding body is one of the party's bodies.", [{ path: 'bodyId', message: 'Not a body of this party.' }]);
    }
    let version: Version | null = null;
    if (approval !== 'pending') {
      version = await storedVersion(trx, documentId);
      if (input.versionHash !== undefined && input.versionHash !== version.hash) {
        fail('approvalsStale', 'The document has changed since you read it: look at the current version and approve that.', { versionHash: version.hash });
      }
      await trx
        .insertInto('approved_versions')
        .values({ document_id: documentId, version_hash: version.hash, form: version.form, canonical: version.canonical, y_state: Buffer.from(version.yState), created_at: now() })
        .onConflict((oc) => oc.columns(['document_id', 'version_hash']).doNothing())
        .execute();
    }
    const decision = version
      ? {
          approval,
          approved_by: actor.id,
          approved_at: now(),
          approval_body_id: input.bodyId ?? null,
          approval_decided_on: input.decidedOn ?? null,
          approval_paragraph: input.paragraph ?? null,
          approval_version_hash: version.hash,
        }
      : pendingApproval;
    await trx.updateTable('document_parties').set(decision).where('document_id', '=', documentId).where('party_id', '=', partyId).execute();
    await audit(trx, {
      actorId: actor.id,
      action: `document.approval.${approval}`,
      entity: 'document',
      entityId: documentId,
      documentId,
      data: { partyId, versionHash: version?.hash ?? null, bodyId: decision.approval_body_id, decidedOn: decision.approval_decided_on, paragraph: decision.approval_paragraph },
    });
    return { versionHash: version?.hash ?? null };
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
    const before = await trx.selectFrom('document_parties').select('role').where('document_id', '=', documentId).where('party_id', '=', partyId).executeTakeFirst();
    // A signatory that steps down changes what everyone signs for (a rejection must not vanish that way).
    if (before?.role === 'signatory' && role === 'observer') await clearApprovals(trx, actor, documentId, `party.observer:${partyId}`);
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
    await clearApprovals(trx, actor, documentId, `party.remove:${partyId}`);
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
          adoptionRule: (rule) => ({ adoption_rule: rule ? JSON.stringify(rule) : null }),
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
