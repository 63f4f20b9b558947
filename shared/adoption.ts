import { z } from 'zod';

/*
 * When an agreement may be adopted: pure counting over the parties' approvals, used by
 * the adoption command (which refuses with the reason) and by the page ("antagen av
 * 12/16", who is missing). Only a fresh approval counts: one of exactly the current
 * version (shared/canonical.ts). A party that approved an earlier version has approved
 * something else.
 */

export const adoptionRule = z.discriminatedUnion('kind', [
  /** Every signing party (the default). */
  z.object({ kind: z.literal('all') }),
  /** At least n of the signing parties. */
  z.object({ kind: z.literal('quorum'), n: z.number().int().min(1).max(1000) }),
  /** Every signing region (or county council) and at least n signing municipalities. */
  z.object({ kind: z.literal('regionAndMunicipalities'), n: z.number().int().min(0).max(1000) }),
]);
export type AdoptionRule = z.infer<typeof adoptionRule>;

export const defaultAdoptionRule: AdoptionRule = { kind: 'all' };

export interface PartyApproval {
  partyId: string;
  kind: string;
  role: 'signatory' | 'observer';
  approval: 'pending' | 'approved' | 'rejected';
  /** The version the approval (or rejection) is of; null when none is recorded. */
  versionHash: string | null;
}

export interface AdoptionCount {
  ok: boolean;
  /** Why not, when not: approvals of earlier versions would have been enough (stale), or they would not (missing). */
  reason: 'approvalsStale' | 'approvalsMissing' | null;
  signatories: number;
  /** Fresh approvals among the signatories. */
  approved: number;
  /** Approvals the rule asks for at least. */
  required: number;
  /** Signatories whose approval of the current version is not in, in input order. */
  missing: string[];
  /** Of those, the ones that approved an earlier version. */
  stale: string[];
}

const regionKinds = new Set(['region', 'county_council']);

/** Whether a party's recorded decision is about an earlier version than `currentHash`. */
export function isStale(p: Pick<PartyApproval, 'approval' | 'versionHash'>, currentHash: string): boolean {
  return p.approval !== 'pending' && p.versionHash !== currentHash;
}

function satisfied(rule: AdoptionRule, signatories: readonly PartyApproval[], counts: (p: PartyApproval) => boolean): boolean {
  if (signatories.length === 0) return false;
  switch (rule.kind) {
    case 'all':
      return signatories.every(counts);
    case 'quorum':
      return signatories.filter(counts).length >= rule.n;
    case 'regionAndMunicipalities': {
      const regions = signatories.filter((p) => regionKinds.has(p.kind));
      const municipalities = signatories.filter((p) => p.kind === 'municipality' && counts(p));
      return regions.length > 0 && regions.every(counts) && municipalities.length >= rule.n;
    }
  }
}

function requiredCount(rule: AdoptionRule, signatories: readonly PartyApproval[]): number {
  switch (rule.kind) {
    case 'all':
      return signatories.length;
    case 'quorum':
      return rule.n;
    case 'regionAndMunicipalities':
      return signatories.filter((p) => regionKinds.has(p.kind)).length + rule.n;
  }
}

export function countAdoption(rule: AdoptionRule, parties: readonly PartyApproval[], currentHash: string): AdoptionCount {
  const signatories = parties.filter((p) => p.role === 'signatory');
  const fresh = (p: PartyApproval) => p.approval === 'approved' && p.versionHash === currentHash;
  const ok = satisfied(rule, signatories, fresh);
  const missing = signatories.filter((p) => !fresh(p));
  const stale = missing.filter((p) => p.approval === 'approved');
  const staleWouldDo = !ok && stale.length > 0 && satisfied(rule, signatories, (p) => p.approval === 'approved');
  return {
    ok,
    reason: ok ? null : staleWouldDo ? 'approvalsStale' : 'approvalsMissing',
    signatories: signatories.length,
    approved: signatories.length - missing.length,
    required: requiredCount(rule, signatories),
    missing: missing.map((p) => p.partyId),
    stale: stale.map((p) => p.partyId),
  };
}

/** The stored rule (JSON text or null) as a rule; anything unreadable is the strictest, every signatory. */
export function parseAdoptionRule(stored: string | null): AdoptionRule {
  if (!stored) return defaultAdoptionRule;
  try {
    const parsed = adoptionRule.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : defaultAdoptionRule;
  } catch {
    return defaultAdoptionRule;
  }
}
