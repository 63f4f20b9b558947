import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalAgreement, canonicalFormName, type CanonicalInput, versionHash } from '../../shared/canonical.js';

const base: CanonicalInput = {
  title: 'Överenskommelse om samverkan',
  reference: 'HSN 335-2019',
  kind: 'regional_agreement',
  content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Region och kommun ansvarar gemensamt.' }] }] },
  parties: [
    { partyId: 'b', name: 'Dorotea kommun', role: 'signatory' },
    { partyId: 'a', name: 'Region Västerbotten', role: 'signatory' },
  ],
  costShares: [
    { stageId: null, partyId: 'b', label: 'Kommunen', basisPoints: 5000, note: null, joint: false },
    { stageId: null, partyId: 'a', label: 'Regionen', basisPoints: 5000, note: null, joint: false },
  ],
  resources: [{ description: 'Samordnare', fteHundredths: 200, financedBy: 'Regionstyrelsen' }],
  decisions: [{ bodyName: 'HSN', clauses: [{ position: 2, text: 'att rekommendera fullmäktige', refersToDocumentId: null, refersToPublicationId: null }, { position: 1, text: 'att anta', refersToDocumentId: null, refersToPublicationId: null }] }],
};

describe('the canonical form of an agreement', () => {
  it('names its form and does not depend on the order rows come back in', () => {
    const a = canonicalAgreement(base);
    expect(JSON.parse(a).form).toBe(canonicalFormName);
    const shuffled = { ...base, parties: [...base.parties].reverse(), costShares: [...base.costShares].reverse(), decisions: [{ ...base.decisions[0]!, clauses: [...base.decisions[0]!.clauses].reverse() }] };
    expect(canonicalAgreement(shuffled)).toBe(a);
  });

  it('changes with the text and with everything a party signs for', async () => {
    const h = await versionHash(canonicalAgreement(base));
    const changed: CanonicalInput[] = [
      { ...base, content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'kommunen betalar ingenting' }] }] } },
      { ...base, parties: [base.parties[0]!, { ...base.parties[1]!, role: 'observer' }] },
      { ...base, costShares: [{ ...base.costShares[0]!, basisPoints: 4000 }, { ...base.costShares[1]!, basisPoints: 6000 }] },
      { ...base, resources: [{ ...base.resources[0]!, fteHundredths: 100 }] },
      { ...base, costShares: base.costShares.map((c) => ({ ...c, joint: true })) },
      { ...base, decisions: [{ bodyName: 'HSN', clauses: base.decisions[0]!.clauses.map((c) => ({ ...c, refersToPublicationId: 'pub-1' })) }] },
      { ...base, decisions: [{ bodyName: 'HSN', clauses: [{ position: 1, text: 'att avslå', refersToDocumentId: null, refersToPublicationId: null }] }] },
    ];
    for (const c of changed) expect(await versionHash(canonicalAgreement(c))).not.toBe(h);
  });

  it('hashes as sha256sum does over the UTF-8 bytes (å, ä, ö included)', async () => {
    const bytes = canonicalAgreement(base);
    expect(await versionHash(bytes)).toBe(createHash('sha256').update(Buffer.from(bytes, 'utf8')).digest('hex'));
  });
});
