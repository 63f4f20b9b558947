import { Hono } from 'hono';
import { z } from 'zod';
import { commentInput, commentPatch, costSharesInput, resourceInput } from '../../shared/schemas.js';
import { audit } from '../audit.js';
import { inTransaction } from '../commands/transaction.js';
import { loadCostShares, loadResources } from '../db/repositories/metadata.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
import { presentComment, presentResource } from '../presenters/metadata.js';
import { newId, now } from '../time.js';
import { jsonBody, paramsOf } from '../validate.js';
import { requireChild, requireDocument } from './guard.js';

/* Comments on the text, and the agreement's resources and cost shares. */

const idParam = z.object({ id: z.string().min(1).max(100) });

export function discussionRoutes(deps: Deps) {
  const { db } = deps;

  const commentsOf = (where: { documentId?: string; id?: string }) => {
    let q = db.selectFrom('comments').leftJoin('users', 'users.id', 'comments.author_id').selectAll('comments').select('users.name as author_name').orderBy('comments.created_at');
    if (where.documentId) q = q.where('comments.document_id', '=', where.documentId);
    if (where.id) q = q.where('comments.id', '=', where.id);
    return q.execute();
  };

  return new Hono<AppEnv>()
    .get('/documents/:id/comments', paramsOf(idParam), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      return c.json({ items: (await commentsOf({ documentId: access.document.id })).map(presentComment) });
    })
    .post('/documents/:id/comments', paramsOf(idParam), jsonBody(commentInput), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'comment');
      const input = c.req.valid('json');
      const documentId = access.document.id;
      const id = newId();
      await inTransaction(deps, async (trx) => {
        if (input.parentId) {
          const parent = await trx.selectFrom('comments').select(['document_id', 'parent_id']).where('id', '=', input.parentId).executeTakeFirst();
          if (parent?.document_id !== documentId) fail('validation', 'Unknown comment to reply to.', [{ path: 'parentId', message: 'Unknown comment.' }]);
          if (parent.parent_id) fail('validation', 'Reply to the thread, not to a reply.', [{ path: 'parentId', message: 'Nested reply.' }]);
        }
        if (input.feedbackId) {
          const fb = await trx.selectFrom('feedback_items').select('document_id').where('id', '=', input.feedbackId).executeTakeFirst();
          if (fb?.document_id !== documentId) fail('validation', 'Unknown feedback item.', [{ path: 'feedbackId', message: 'Unknown feedback.' }]);
        }
        const ts = now();
        await trx
          .insertInto('comments')
          .values({ id, document_id: documentId, author_id: session.user.id, parent_id: input.parentId ?? null, feedback_id: input.feedbackId ?? null, anchor: input.anchor ?? null, quote: input.quote ?? null, body: input.body, resolved_at: null, resolved_by: null, created_at: ts, updated_at: ts })
          .execute();
        await audit(trx, { actorId: session.user.id, action: 'comment.create', entity: 'comment', entityId: id, documentId });
      });
      return c.json({ comment: presentComment((await commentsOf({ id }))[0]!) }, 201);
    })
    .patch('/comments/:id', paramsOf(idParam), jsonBody(commentPatch), async (c) => {
      const id = c.req.valid('param').id;
      const { session, access } = await requireChild(c, deps, 'comments', id, 'comment');
      const input = c.req.valid('json');
      const comment = (await commentsOf({ id }))[0]!;
      if (input.body !== undefined && comment.author_id !== session.user.id) fail('forbidden', 'Only the author may edit a comment.');
      await inTransaction(deps, async (trx) => {
        await trx
          .updateTable('comments')
          .set({
            ...(input.body !== undefined ? { body: input.body } : {}),
            ...(input.resolved !== undefined
              ? { resolved_at: input.resolved ? now() : null, resolved_by: input.resolved ? session.user.id : null }
              : {}),
            updated_at: now(),
          })
          .where('id', '=', id)
          .execute();
        await audit(trx, { actorId: session.user.id, action: 'comment.update', entity: 'comment', entityId: id, documentId: access.document.id, data: { resolved: input.resolved } });
      });
      return c.json({ comment: presentComment((await commentsOf({ id }))[0]!) });
    })
    .delete('/comments/:id', paramsOf(idParam), async (c) => {
      const id = c.req.valid('param').id;
      const { session, access } = await requireChild(c, deps, 'comments', id, 'read');
      const comment = (await commentsOf({ id }))[0]!;
      if (comment.author_id !== session.user.id && !access.capabilities.manage) fail('forbidden', 'Only the author may delete a comment.');
      await inTransaction(deps, async (trx) => {
        await trx.deleteFrom('comments').where('id', '=', id).execute();
        await audit(trx, { actorId: session.user.id, action: 'comment.delete', entity: 'comment', entityId: id, documentId: access.document.id });
      });
      return c.json({ ok: true as const });
    })
    .get('/documents/:id/cost-shares', paramsOf(idParam), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      return c.json({ items: await loadCostShares(db, access.document.id) });
    })
    .put('/documents/:id/cost-shares', paramsOf(idParam), jsonBody(costSharesInput), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'edit');
      const { items } = c.req.valid('json');
      const documentId = access.document.id;
      // Shares are split per stage (or for the whole agreement) and each split adds up to 100 %.
      const sums = new Map<string, number>();
      for (const i of items) sums.set(i.stageId ?? '', (sums.get(i.stageId ?? '') ?? 0) + i.basisPoints);
      const off = [...sums].filter(([, sum]) => sum !== 10000);
      if (off.length) {
        fail('validation', 'The cost shares must add up to 100 %.', off.map(([stageId, sum]) => ({ path: 'items', message: `Sum is ${sum / 100} %`, stageId: stageId || null })));
      }
      await inTransaction(deps, async (trx) => {
        const stageIds = [...sums.keys()].filter(Boolean);
        if (stageIds.length) {
          const found = await trx.selectFrom('stages').select('id').where('document_id', '=', documentId).where('id', 'in', stageIds).execute();
          if (found.length !== stageIds.length) fail('validation', 'Unknown stage.', [{ path: 'items', message: 'A stageId is not a stage of this agreement.' }]);
        }
        const partyIds = [...new Set(items.map((i) => i.partyId).filter((p): p is string => Boolean(p)))];
        if (partyIds.length) {
          const known = new Set((await trx.selectFrom('parties').select('id').where('id', 'in', partyIds).execute()).map((p) => p.id));
          const unknown = items.flatMap((i, n) => (i.partyId && !known.has(i.partyId) ? [{ path: `items.${n}.partyId`, message: 'Unknown party.' }] : []));
          if (unknown.length) fail('validation', 'Unknown party.', unknown);
        }
        await trx.deleteFrom('cost_shares').where('document_id', '=', documentId).execute();
        // One millisecond apart, so the list reads back in the order it was given.
        const base = Date.now();
        if (items.length) {
          await trx
            .insertInto('cost_shares')
            .values(items.map((i, n) => ({ id: newId(), document_id: documentId, stage_id: i.stageId ?? null, party_id: i.partyId ?? null, label: i.label, basis_points: i.basisPoints, note: i.note ?? null, created_at: new Date(base + n).toISOString() })))
            .execute();
        }
        await audit(trx, { actorId: session.user.id, action: 'costshares.set', entity: 'document', entityId: documentId, documentId, data: items });
      });
      return c.json({ items: await loadCostShares(db, documentId) });
    })
    .get('/documents/:id/resources', paramsOf(idParam), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      return c.json({ items: await loadResources(db, access.document.id) });
    })
    .post('/documents/:id/resources', paramsOf(idParam), jsonBody(resourceInput), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'edit');
      const input = c.req.valid('json');
      const row = await inTransaction(deps, async (trx) => {
        const created = await trx
          .insertInto('resources')
          .values({ id: newId(), document_id: access.document.id, description: input.description, fte_hundredths: input.fteHundredths ?? null, financed_by: input.financedBy ?? null, created_at: now() })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(trx, { actorId: session.user.id, action: 'resource.create', entity: 'resource', entityId: created.id, documentId: access.document.id, data: input });
        return created;
      });
      return c.json({ resource: presentResource(row) }, 201);
    })
    .delete('/resources/:id', paramsOf(idParam), async (c) => {
      const id = c.req.valid('param').id;
      const { session, access } = await requireChild(c, deps, 'resources', id, 'edit');
      await inTransaction(deps, async (trx) => {
        await trx.deleteFrom('resources').where('id', '=', id).execute();
        await audit(trx, { actorId: session.user.id, action: 'resource.delete', entity: 'resource', entityId: id, documentId: access.document.id });
      });
      return c.json({ ok: true as const });
    });
}

