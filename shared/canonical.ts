import { canonicalJson } from './canonical-json.js';

/*
 * The canonical form of an agreement: exactly what a party approves and what a
 * publication's hash covers. The text (in the editor's schema) plus what a party signs
 * for: the parties and their roles, the cost shares, the resources and the decisions'
 * att-clauses. Its field names are its own, written out here, so renaming an API or
 * database field never changes what a hash means; a change of the form itself is a new
 * `form` number, and every approval and publication records the number it used.
 *
 * Pure (no Node built-ins): the browser can recompute a hash too.
 */

export const canonicalForm = 1 as const;
export const canonicalFormName = `overens-agreement/${canonicalForm}`;

export interface CanonicalInput {
  title: string;
  reference: string | null;
  kind: string;
  /** The document text as TipTap/ProseMirror JSON in the shared editor schema. */
  content: unknown;
  parties: ReadonlyArray<{ partyId: string; name: string; role: 'signatory' | 'observer' }>;
  /** `joint`: the split is carried jointly (delas solidariskt). */
  costShares: ReadonlyArray<{ stageId: string | null; partyId: string | null; label: string; basisPoints: number; note: string | null; joint: boolean }>;
  resources: ReadonlyArray<{ description: string; fteHundredths: number | null; financedBy: string | null }>;
  decisions: ReadonlyArray<{ bodyName: string; clauses: ReadonlyArray<{ position: number; text: string; refersToDocumentId: string | null; refersToPublicationId: string | null }> }>;
}

const byKey = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/**
 * The bytes (as a string; UTF-8 when hashed or served) of the canonical form. Lists are
 * sorted by what identifies their entries, so the order rows come back in never matters.
 */
export function canonicalAgreement(input: CanonicalInput): string {
  return canonicalJson({
    form: canonicalFormName,
    title: input.title,
    reference: input.reference,
    kind: input.kind,
    text: input.content,
    parties: [...input.parties].sort(byKey((p) => p.partyId)).map((p) => ({ party: p.partyId, name: p.name, role: p.role })),
    costShares: [...input.costShares]
      .sort(byKey((c) => `${c.stageId ?? ''}\u0000${c.partyId ?? ''}\u0000${c.label}`))
      .map((c) => ({ stage: c.stageId, party: c.partyId, label: c.label, basisPoints: c.basisPoints, note: c.note, joint: c.joint })),
    resources: [...input.resources]
      .sort(byKey((r) => `${r.description}\u0000${r.fteHundredths ?? ''}\u0000${r.financedBy ?? ''}`))
      .map((r) => ({ description: r.description, fteHundredths: r.fteHundredths, financedBy: r.financedBy })),
    decisions: [...input.decisions]
      .map((d) => ({
        body: d.bodyName,
        clauses: [...d.clauses].sort((a, b) => a.position - b.position).map((c) => ({ position: c.position, text: c.text, refersTo: c.refersToDocumentId, refersToPublication: c.refersToPublicationId })),
      }))
      .sort(byKey((d) => canonicalJson(d))),
  });
}

/** SHA-256 of the canonical bytes, lower-case hex: what `sha256sum` prints for the same bytes. */
export async function versionHash(canonical: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
