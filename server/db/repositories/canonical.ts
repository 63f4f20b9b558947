import type { JSONContent } from '@tiptap/core';
import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import { canonicalAgreement, type CanonicalInput, canonicalFormName, versionHash } from '../../../shared/canonical.js';
import { toJson, toText } from '../../collab/content.js';
import { applyStoredState, readStoredState } from '../../collab/extensions/persistence.js';
import type { Database } from '../database.js';

/*
 * The input of the canonical form (shared/canonical.ts), read for one document: the one
 * place that maps rows to what a party signs for. Approvals, adoption and publishing all
 * call it, so the same document state always gives the same hash.
 */

type Db = Kysely<Database>;

export async function loadCanonicalInput(db: Db, documentId: string, content: unknown): Promise<CanonicalInput> {
  const [doc, parties, costShares, resources, decisions] = await Promise.all([
    db.selectFrom('documents').select(['title', 'reference', 'kind']).where('id', '=', documentId).executeTakeFirstOrThrow(),
    db
      .selectFrom('document_parties')
      .innerJoin('parties', 'parties.id', 'document_parties.party_id')
      .select(['document_parties.party_id', 'parties.name', 'document_parties.role'])
      .where('document_parties.document_id', '=', documentId)
      .execute(),
    db.selectFrom('cost_shares').select(['stage_id', 'party_id', 'label', 'basis_points', 'note', 'joint']).where('document_id', '=', documentId).execute(),
    db.selectFrom('resources').select(['description', 'fte_hundredths', 'financed_by']).where('document_id', '=', documentId).execute(),
    db
      .selectFrom('decisions')
      .innerJoin('bodies', 'bodies.id', 'decisions.body_id')
      .select(['decisions.id', 'bodies.name'])
      .where('decisions.document_id', '=', documentId)
      .execute(),
  ]);
  const clauses = decisions.length
    ? await db
        .selectFrom('decision_clauses')
        .select(['decision_id', 'position', 'text', 'refers_to_document_id', 'refers_to_publication_id'])
        .where('decision_id', 'in', decisions.map((d) => d.id))
        .execute()
    : [];
  return {
    title: doc.title,
    reference: doc.reference,
    kind: doc.kind,
    content,
    parties: parties.map((p) => ({ partyId: p.party_id, name: p.name, role: p.role })),
    costShares: costShares.map((c) => ({ stageId: c.stage_id, partyId: c.party_id, label: c.label, basisPoints: c.basis_points, note: c.note, joint: Boolean(c.joint) })),
    resources: resources.map((r) => ({ description: r.description, fteHundredths: r.fte_hundredths, financedBy: r.financed_by })),
    decisions: decisions.map((d) => ({
      bodyName: d.name,
      clauses: clauses.filter((c) => c.decision_id === d.id).map((c) => ({ position: c.position, text: c.text, refersToDocumentId: c.refers_to_document_id, refersToPublicationId: c.refers_to_publication_id })),
    })),
  };
}

export interface Version {
  hash: string;
  form: string;
  canonical: string;
  /** Y.encodeStateAsUpdate of the text as stored: what the approved text is shown from later. */
  yState: Uint8Array;
  content: JSONContent;
}

/** The version of a document whose text is `content`. */
export async function versionOf(db: Db, documentId: string, content: JSONContent): Promise<Pick<Version, 'hash' | 'form' | 'canonical'>> {
  const canonical = canonicalAgreement(await loadCanonicalInput(db, documentId, content));
  return { hash: await versionHash(canonical), form: canonicalFormName, canonical };
}

/**
 * The document's version as stored in the database, read with the caller's transaction:
 * under the document's row lock this is exactly the text every later commit is measured
 * against (the live copy in memory may lag the log by an in-flight batch).
 */
export async function storedVersion(db: Db, documentId: string): Promise<Version> {
  const ydoc = new Y.Doc();
  try {
    applyStoredState(ydoc, await readStoredState(db, documentId), null, () => {});
    const yState = Y.encodeStateAsUpdate(ydoc);
    const content = toJson(ydoc);
    return { ...(await versionOf(db, documentId, content)), yState, content };
  } finally {
    ydoc.destroy();
  }
}

/** The TipTap JSON of a kept Yjs state. */
export function contentOfState(yState: Uint8Array): JSONContent {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, yState);
    return toJson(ydoc);
  } finally {
    ydoc.destroy();
  }
}

/** The plain text (one line per block) of a kept Yjs state. */
export function textOfState(yState: Uint8Array): string {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, yState);
    return toText(ydoc);
  } finally {
    ydoc.destroy();
  }
}
