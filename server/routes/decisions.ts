import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { decisionInput, decisionPatch } from '../../shared/schemas.js';
import { audit } from '../audit.js';
import { inTransaction } from '../commands/transaction.js';
import type { Database } from '../db/database.js';
import { loadDecisions } from '../db/repositories/metadata.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
import { newId, now } from '../time.js';
import { jsonBody, paramsOf } from '../validate.js';
import { requireChild, requireDocument } from './guard.js';

/* Beslut: a body's formal decision about an agreement, written as att-clauses. */

const idParam = z.object({ id: z.string().min(1).max(100) });
type Clause = z.infer<typeof decisionInput>['clauses'][number];

export function decisionRoutes(deps: Deps) {
  const { db } = deps;

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
      if (!clause.refersToDocumentId) continue;
      const ref = await trx.selectFrom('documents').select(['id', 'parent_id']).where('id', '=', clause.refersToDocumentId).executeTakeFirst();
      if (!ref || (ref.id !== documentId && ref.parent_id !== documentId)) {
        fail('validation', 'A clause may refer to the agreement or one of its bilagor.', [{ path: `clauses.${i}.refersToDocumentId`, message: 'Unknown document.' }]);
      }
    }
  }

  async function writeClauses(trx: Kysely<Database>, decisionId: string, clauses: Clause[]) {
    await trx.deleteFrom('decision_clauses').where('decision_id', '=', decisionId).execute();
    await trx
      .insertInto('decision_clauses')
      .values(clauses.map((k, i) => ({ id: newId(), decision_id: decisionId, position: i + 1, text: k.text, refers_to_document_id: k.refersToDocumentId ?? null })))
      .execute();
  }

  return new Hono<AppEnv>()
    .get('/documents/:id/decisions', paramsOf(idParam), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      return c.json({ items: await loadDecisions(db, access.document.id) });
    })
    .post('/documents/:id/decisions', paramsOf(idParam), jsonBody(decisionInput), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'edit');
      const input = c.req.valid('json');
      const documentId = access.document.id;
      const id = newId();
      await inTransaction(deps, async (trx) => {
        await checkRefs(trx, documentId, input.bodyId, input.clauses);
        const ts = now();
        await trx
          .insertInto('decisions')
          .values({ id, document_id: documentId, body_id: input.bodyId, reference: input.reference ?? null, decided_on: input.decidedOn ?? null, state: input.state ?? 'proposed', preamble: input.preamble ?? null, created_at: ts, updated_at: ts })
          .execute();
        await writeClauses(trx, id, input.clauses);
        await audit(trx, { actorId: session.user.id, action: 'decision.create', entity: 'decision', entityId: id, documentId, data: input });
      });
      return c.json({ decision: (await loadDecisions(db, documentId, id))[0]! }, 201);
    })
    .patch('/decisions/:id', paramsOf(idParam), jsonBody(decisionPatch), async (c) => {
      const id = c.req.valid('param').id;
      // Recording a body's decision is metadata about the agreement, allowed while it is frozen too.
      const { session, access } = await requireChild(c, deps, 'decisions', id, 'read');
      if (!access.capabilities.manage && !access.capabilities.edit) fail('forbidden', 'You may not change decisions on this document.');
      const input = c.req.valid('json');
      const documentId = access.document.id;
      await inTransaction(deps, async (trx) => {
        await checkRefs(trx, documentId, input.bodyId, input.clauses);
        await trx
          .updateTable('decisions')
          .set({
            ...(input.bodyId !== undefined ? { body_id: input.bodyId } : {}),
            ...(input.reference !== undefined ? { reference: input.reference } : {}),
            ...(input.decidedOn !== undefined ? { decided_on: input.decidedOn } : {}),
            ...(input.state !== undefined ? { state: input.state } : {}),
            ...(input.preamble !== undefined ? { preamble: input.preamble } : {}),
            updated_at: now(),
          })
          .where('id', '=', id)
          .execute();
        if (input.clauses) await writeClauses(trx, id, input.clauses);
        await audit(trx, { actorId: session.user.id, action: 'decision.update', entity: 'decision', entityId: id, documentId, data: input });
      });
      return c.json({ decision: (await loadDecisions(db, documentId, id))[0]! });
    })
    .delete('/decisions/:id', paramsOf(idParam), async (c) => {
      const id = c.req.valid('param').id;
      const { session, access } = await requireChild(c, deps, 'decisions', id, 'edit');
      await inTransaction(deps, async (trx) => {
        await trx.deleteFrom('decisions').where('id', '=', id).execute();
        await audit(trx, { actorId: session.user.id, action: 'decision.delete', entity: 'decision', entityId: id, documentId: access.document.id });
      });
      return c.json({ ok: true as const });
    });
}
