import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { decisionInput, decisionPatch } from '../../shared/schemas.js';
import { audit } from '../audit.js';
import type { Database } from '../db/database.js';
import { patchOf } from '../db/patch.js';
import type { Deps } from '../env.js';
import { fail } from '../errors.js';
import { newId, now } from '../time.js';
import type { Actor } from './actor.js';
import { lockDocument, lockSignedTerms } from './document-lock.js';
import { inTransaction } from './transaction.js';

/* Beslut: a body's formal decision about an agreement, written as att-clauses. */

type Clause = z.infer<typeof decisionInput>['clauses'][number];

/** The body belongs to a party of the agreement; each clause refers to the agreement or one of its bilagor, and to one of its published versions. */
async function checkRefs(trx: Kysely<Database>, documentId: string, bodyId: string | undefined, clauses: Clause[] | undefined) {
  if (bodyId) {
    const body = await trx.selectFrom('bodies').select('party_id').where('id', '=', bodyId).executeTakeFirst();
    if (!body) fail('validation', 'No such body.', [{ path: 'bodyId', message: 'Unknown body.' }]);
    const isParty = await trx
      .selectFrom('document_parties')
      .select('party_id')
      .where('document_id', 'in', trx.selectFrom('documents').select((eb) => eb.fn.coalesce('parent_id', 'id').as('gid')).where('id', '=', documentId))
      .where('party_id', '=', body.party_id)
      .executeTakeFirst();
    if (!isParty) fail('validation', 'The body must belong to a party of the agreement.', [{ path: 'bodyId', message: 'Not a party.' }]);
  }
  for (const [i, clause] of (clauses ?? []).entries()) {
    if (clause.refersToPublicationId) {
      const pub = await trx.selectFrom('publications').select('document_id').where('id', '=', clause.refersToPublicationId).executeTakeFirst();
      if (pub?.document_id !== documentId) {
        fail('validation', 'A clause may refer to a published version of this agreement.', [{ path: `clauses.${i}.refersToPublicationId`, message: 'Unknown publication.' }]);
      }
    }
    if (!clause.refersToDocumentId) continue;
    const ref = await trx.selectFrom('documents').select(['id', 'parent_id']).where('id', '=', clause.refersToDocumentId).executeTakeFirst();
    if (!ref || (ref.id !== documentId && ref.parent_id !== documentId)) {
      fail('validation', 'A clause may refer to the agreement or one of its bilagor.', [{ path: `clauses.${i}.refersToDocumentId`, message: 'Unknown document.' }]);
    }
  }
}

/** The clauses replace the decision's earlier ones, numbered in the order given. */
async function writeClauses(trx: Kysely<Database>, decisionId: string, clauses: Clause[]) {
  await trx.deleteFrom('decision_clauses').where('decision_id', '=', decisionId).execute();
  await trx
    .insertInto('decision_clauses')
    .values(clauses.map((k, i) => ({ id: newId(), decision_id: decisionId, position: i + 1, text: k.text, refers_to_document_id: k.refersToDocumentId ?? null, refers_to_publication_id: k.refersToPublicationId ?? null })))
    .execute();
}

export async function createDecision(deps: Deps, actor: Actor, { documentId, ...input }: z.infer<typeof decisionInput> & { documentId: string }): Promise<string> {
  return inTransaction(deps, async (trx) => {
    await lockSignedTerms(trx, documentId);
    await checkRefs(trx, documentId, input.bodyId, input.clauses);
    const id = newId();
    const ts = now();
    await trx
      .insertInto('decisions')
      .values({ id, document_id: documentId, body_id: input.bodyId, reference: input.reference ?? null, decided_on: input.decidedOn ?? null, state: input.state ?? 'proposed', preamble: input.preamble ?? null, created_at: ts, updated_at: ts })
      .execute();
    await writeClauses(trx, id, input.clauses);
    await audit(trx, { actorId: actor.id, action: 'decision.create', entity: 'decision', entityId: id, documentId, data: input });
    return id;
  });
}

export async function updateDecision(
  deps: Deps,
  actor: Actor,
  { decisionId, documentId, ...input }: z.infer<typeof decisionPatch> & { decisionId: string; documentId: string },
): Promise<void> {
  await inTransaction(deps, async (trx) => {
    // Recording the body's decision (state, date, §) after adoption is the point of adopting;
    // its body and att-clauses are what the parties signed, fixed once the agreement is frozen.
    if (input.clauses !== undefined || input.bodyId !== undefined) await lockSignedTerms(trx, documentId);
    else await lockDocument(trx, documentId);
    await checkRefs(trx, documentId, input.bodyId, input.clauses);
    await trx
      .updateTable('decisions')
      .set({
        ...patchOf('decisions', input, { bodyId: 'body_id', reference: 'reference', decidedOn: 'decided_on', state: 'state', preamble: 'preamble' }),
        updated_at: now(),
      })
      .where('id', '=', decisionId)
      .execute();
    if (input.clauses) await writeClauses(trx, decisionId, input.clauses);
    await audit(trx, { actorId: actor.id, action: 'decision.update', entity: 'decision', entityId: decisionId, documentId, data: input });
  });
}

export async function deleteDecision(deps: Deps, actor: Actor, input: { decisionId: string; documentId: string }): Promise<void> {
  await inTransaction(deps, async (trx) => {
    await lockSignedTerms(trx, input.documentId);
    await trx.deleteFrom('decisions').where('id', '=', input.decisionId).execute();
    await audit(trx, { actorId: actor.id, action: 'decision.delete', entity: 'decision', entityId: input.decisionId, documentId: input.documentId });
  });
}
