import type { z } from 'zod';
import type { costSharesInput } from '../../shared/schemas.js';
import { audit } from '../audit.js';
import type { Deps } from '../env.js';
import { fail } from '../errors.js';
import { newId } from '../time.js';
import type { Actor } from './actor.js';
import { lockSignedTerms } from './document-lock.js';
import { inTransaction } from './transaction.js';

/* Kostnadsfördelning: who pays what share, per stage or for the whole agreement. */

type CostShareItem = z.infer<typeof costSharesInput>['items'][number];

/** The list replaces the agreement's earlier shares; each split (per stage, or the whole) adds up to 100 %. */
export async function setCostShares(deps: Deps, actor: Actor, { documentId, items }: { documentId: string; items: CostShareItem[] }): Promise<void> {
  const sums = new Map<string, number>();
  for (const i of items) sums.set(i.stageId ?? '', (sums.get(i.stageId ?? '') ?? 0) + i.basisPoints);
  const off = [...sums].filter(([, sum]) => sum !== 10000);
  // Solidariskt is said of a whole split: every share of it, or none.
  const mixed = [...sums.keys()].filter((k) => new Set(items.filter((i) => (i.stageId ?? '') === k).map((i) => Boolean(i.joint))).size > 1);
  if (mixed.length) fail('validation', 'A split is carried jointly by all its shares or by none.', mixed.map((stageId) => ({ path: 'items', message: 'Mixed joint and separate shares.', stageId: stageId || null })));
  if (off.length) {
    fail('validation', 'The cost shares must add up to 100 %.', off.map(([stageId, sum]) => ({ path: 'items', message: `Sum is ${sum / 100} %`, stageId: stageId || null })));
  }
  await inTransaction(deps, async (trx) => {
    await lockSignedTerms(trx, documentId);
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
        .values(items.map((i, n) => ({ id: newId(), document_id: documentId, stage_id: i.stageId ?? null, party_id: i.partyId ?? null, label: i.label, basis_points: i.basisPoints, note: i.note ?? null, joint: i.joint ? 1 : 0, created_at: new Date(base + n).toISOString() })))
        .execute();
    }
    await audit(trx, { actorId: actor.id, action: 'costshares.set', entity: 'document', entityId: documentId, documentId, data: items });
  });
}
