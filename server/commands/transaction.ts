import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { Deps } from '../env.js';

/*
 * The one way to open a write transaction that may touch documents. audit() notes each
 * document whose live-channel log it appended to; once the transaction has committed
 * (never before: a reader woken early would find nothing, or a change that rolls back),
 * every noted document is announced as `document.changed` so its open live channels
 * read the new events.
 */

const changedIn = new WeakMap<object, Map<string, number>>();

/** Called by audit() inside the transaction: this document got the event numbered `seq`. */
export function noteDocumentChanged(trx: object, documentId: string, seq: number): void {
  let changed = changedIn.get(trx);
  if (!changed) changedIn.set(trx, (changed = new Map()));
  changed.set(documentId, Math.max(seq, changed.get(documentId) ?? 0));
}

export async function inTransaction<T>(deps: Pick<Deps, 'db' | 'events'>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  let changed: Map<string, number> | undefined;
  const result = await deps.db.transaction().execute(async (trx) => {
    const value = await work(trx);
    changed = changedIn.get(trx);
    return value;
  });
  for (const [documentId, seq] of changed ?? []) deps.events.emit('document.changed', { documentId, seq });
  return result;
}
