import { type AdoptionRule, countAdoption, isStale } from '../../shared/adoption.js';
import type { loadDocumentParties } from '../db/repositories/metadata.js';

/*
 * A document's parties with their approvals measured against the current version: a
 * decision about an earlier version is `stale` (and no longer counts), and the adoption
 * count says how many of the rule's approvals are in and who is missing.
 */

type Parties = Awaited<ReturnType<typeof loadDocumentParties>>;

/** `bodies`: the parties' deciding bodies, which an approval names one of. */
export function presentApprovals(parties: Parties, rule: AdoptionRule, versionHash: string, bodies: ReadonlyArray<{ id: string; party_id: string; name: string }>) {
  return {
    versionHash,
    adoption: { rule, ...countAdoption(rule, parties, versionHash) },
    parties: parties.map((p) => ({
      ...p,
      stale: isStale(p, versionHash),
      bodies: bodies.filter((b) => b.party_id === p.partyId).map((b) => ({ id: b.id, name: b.name })),
    })),
  };
}
