import type { JSONContent } from '@tiptap/core';
import { audit } from '../audit.js';
import type { Deps } from '../env.js';
import { newId, now } from '../time.js';
import type { Actor } from './actor.js';
import { inTransaction } from './transaction.js';

/*
 * Named versions of a draft ("inför dialogrunda 2") keep the text as it was; restoring one
 * is a new change on the normal durable path (the collaboration server's setDocumentJson:
 * stored, then sent to every open editor), never a rewrite of history.
 */

export async function nameVersion(deps: Deps, actor: Actor, input: { documentId: string; name: string; content: JSONContent }) {
  return inTransaction(deps, async (trx) => {
    const row = await trx
      .insertInto('document_versions')
      .values({ id: newId(), document_id: input.documentId, name: input.name, content_json: JSON.stringify(input.content), created_by: actor.id, created_at: now() })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { actorId: actor.id, action: 'version.create', entity: 'document_version', entityId: row.id, documentId: input.documentId, data: { name: input.name } });
    return row;
  });
}

export async function restoreVersion(
  deps: Deps,
  actor: Actor,
  input: { documentId: string; ref: string; content: JSONContent; apply: (json: JSONContent) => Promise<{ changed: boolean }> },
) {
  const { changed } = await input.apply(input.content);
  await inTransaction(deps, (trx) =>
    audit(trx, { actorId: actor.id, action: 'version.restore', entity: 'document', entityId: input.documentId, documentId: input.documentId, data: { ref: input.ref, changed } }),
  );
  return { changed };
}
