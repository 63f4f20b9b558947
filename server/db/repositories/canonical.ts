import type { Kysely } from 'kysely';
import type { CanonicalInput } from '../../../shared/canonical.js';
import type { Database } from '../database.js';

/*
 * What the canonical form of an agreement (shared/canonical.ts) is made from, read in one
 * place for approvals and publications alike: a party approves and a publication hashes
 * the same bytes for the same agreement.
 */
export async function loadCanonicalInput(db: Kysely<Database>, documentId: string, content: unknown): Promise<CanonicalInput> {
  const [doc, parties, costShares, resources, decisions] = await Promise.all([
    db.selectFrom('documents').select(['title', 'reference', 'kind']).where('id', '=', documentId).executeTakeFirstOrThrow(),
    db
      .selectFrom('document_parties')
      .innerJoin('parties', 'parties.id', 'document_parties.party_id')
      .select(['document_parties.party_id', 'parties.name', 'document_parties.role'])
      .where('document_parties.document_id', '=', documentId)
      .execute(),
    db.selectFrom('cost_shares').select(['stage_id', 'party_id', 'label', 'basis_points', 'note']).where('document_id', '=', documentId).execute(),
    db.selectFrom('resources').select(['description', 'fte_hundredths', 'financed_by']).where('document_id', '=', documentId).execute(),
    db
      .selectFrom('decisions')
      .innerJoin('bodies', 'bodies.id', 'decisions.body_id')
      .select(['decisions.id', 'bodies.name'])
      .where('decisions.document_id', '=', documentId)
      .execute(),
  ]);
  const clauses = decisions.length
    ? await db.selectFrom('decision_clauses').select(['decision_id', 'position', 'text', 'refers_to_document_id']).where('decision_id', 'in', decisions.map((d) => d.id)).execute()
    : [];
  return {
    title: doc.title,
    reference: doc.reference,
    kind: doc.kind,
    content,
    parties: parties.map((p) => ({ partyId: p.party_id, name: p.name, role: p.role })),
    costShares: costShares.map((c) => ({ stageId: c.stage_id, partyId: c.party_id, label: c.label, basisPoints: c.basis_points, note: c.note })),
    resources: resources.map((r) => ({ description: r.description, fteHundredths: r.fte_hundredths, financedBy: r.financed_by })),
    decisions: decisions.map((d) => ({
      bodyName: d.name,
      clauses: clauses.filter((k) => k.decision_id === d.id).map((k) => ({ position: k.position, text: k.text, refersToDocumentId: k.refers_to_document_id })),
    })),
  };
}
