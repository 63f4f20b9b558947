import { describe, expect, it } from 'vitest';
import { countAdoption, isStale, parseAdoptionRule, type PartyApproval } from '../../shared/adoption.js';
import { diffWords } from '../../shared/text-diff.js';

const v1 = 'a'.repeat(64);
const v2 = 'b'.repeat(64);

const region = (approval: PartyApproval['approval'], versionHash: string | null = v1): PartyApproval => ({ partyId: 'region', kind: 'region', role: 'signatory', approval, versionHash });
const kommun = (id: string, approval: PartyApproval['approval'], versionHash: string | null = v1): PartyApproval => ({ partyId: id, kind: 'municipality', role: 'signatory', approval, versionHash });
const observer: PartyApproval = { partyId: 'obs', kind: 'municipality', role: 'observer', approval: 'pending', versionHash: null };

describe('countAdoption', () => {
  it('every signatory by default: counts only approvals of the current version, observers aside', () => {
    const parties = [region('approved'), kommun('k1', 'approved'), observer];
    expect(countAdoption({ kind: 'all' }, parties, v1)).toMatchObject({ ok: true, reason: null, approved: 2, signatories: 2, required: 2, missing: [], stale: [] });
    // The same approvals, of an earlier version: they would do, so the reason is that they are stale.
    expect(countAdoption({ kind: 'all' }, parties, v2)).toMatchObject({ ok: false, reason: 'approvalsStale', approved: 0, missing: ['region', 'k1'], stale: ['region', 'k1'] });
  });

  it('names missing, not stale, when even the stale approvals would not be enough', () => {
    const parties = [region('approved', v2), kommun('k1', 'rejected'), kommun('k2', 'pending', null)];
    expect(countAdoption({ kind: 'all' }, parties, v1)).toMatchObject({ ok: false, reason: 'approvalsMissing', approved: 0, missing: ['region', 'k1', 'k2'], stale: ['region'] });
  });

  it('N of M', () => {
    const parties = [region('approved'), kommun('k1', 'approved'), kommun('k2', 'rejected'), kommun('k3', 'pending', null)];
    expect(countAdoption({ kind: 'quorum', n: 2 }, parties, v1)).toMatchObject({ ok: true, approved: 2, required: 2, signatories: 4, missing: ['k2', 'k3'] });
    expect(countAdoption({ kind: 'quorum', n: 3 }, parties, v1)).toMatchObject({ ok: false, reason: 'approvalsMissing', required: 3 });
  });

  it('the region and at least N municipalities', () => {
    const rule = { kind: 'regionAndMunicipalities', n: 2 } as const;
    const base = [kommun('k1', 'approved'), kommun('k2', 'approved'), kommun('k3', 'pending', null)];
    expect(countAdoption(rule, [region('approved'), ...base], v1)).toMatchObject({ ok: true, required: 3, approved: 3 });
    // Every municipality but without the region: not adopted.
    const allKommuner = base.map((p) => ({ ...p, approval: 'approved' as const, versionHash: v1 }));
    expect(countAdoption(rule, [region('rejected'), ...allKommuner], v1)).toMatchObject({ ok: false, reason: 'approvalsMissing', missing: ['region'], approved: 3 });
    expect(countAdoption(rule, [region('approved'), kommun('k1', 'approved'), kommun('k2', 'approved', v2)], v1)).toMatchObject({ ok: false, reason: 'approvalsStale', stale: ['k2'] });
    // No signing region at all: the rule cannot be met.
    expect(countAdoption(rule, base, v1).ok).toBe(false);
  });

  it('no signatories is never adopted', () => {
    expect(countAdoption({ kind: 'all' }, [observer], v1)).toMatchObject({ ok: false, reason: 'approvalsMissing', signatories: 0 });
    expect(countAdoption({ kind: 'quorum', n: 1 }, [], v1).ok).toBe(false);
  });

  it('a decision is stale when it is of another version, pending never', () => {
    expect(isStale({ approval: 'approved', versionHash: v2 }, v1)).toBe(true);
    expect(isStale({ approval: 'rejected', versionHash: null }, v1)).toBe(true);
    expect(isStale({ approval: 'approved', versionHash: v1 }, v1)).toBe(false);
    expect(isStale({ approval: 'pending', versionHash: null }, v1)).toBe(false);
  });

  it('reads a stored rule, falling back to every signatory for nothing or nonsense', () => {
    expect(parseAdoptionRule(null)).toEqual({ kind: 'all' });
    expect(parseAdoptionRule('{"kind":"quorum","n":12}')).toEqual({ kind: 'quorum', n: 12 });
    expect(parseAdoptionRule('{"kind":"quorum"}')).toEqual({ kind: 'all' });
    expect(parseAdoptionRule('not json')).toEqual({ kind: 'all' });
  });
});

describe('diffWords', () => {
  it('marks inserted and deleted words, keeping the text around them whole', () => {
    expect(diffWords('Kommunen betalar hälften.', 'Kommunen betalar ingenting.')).toEqual([
      { kind: 'same', text: 'Kommunen betalar ' },
      { kind: 'removed', text: 'hälften' },
      { kind: 'added', text: 'ingenting' },
      { kind: 'same', text: '.' },
    ]);
    expect(diffWords('Första stycket.\nAndra.', 'Första stycket.\nAndra. Tredje.')).toEqual([
      { kind: 'same', text: 'Första stycket.\nAndra.' },
      { kind: 'added', text: ' Tredje.' },
    ]);
  });

  it('joins back to either text', () => {
    const a = 'Regionen och kommunerna ansvarar gemensamt för vården.';
    const b = 'Regionen ansvarar ensam för vården, kommunerna för omsorgen.';
    const segs = diffWords(a, b);
    expect(segs.filter((s) => s.kind !== 'added').map((s) => s.text).join('')).toBe(a);
    expect(segs.filter((s) => s.kind !== 'removed').map((s) => s.text).join('')).toBe(b);
    expect(diffWords(a, a)).toEqual([{ kind: 'same', text: a }]);
    expect(diffWords('', '')).toEqual([]);
  });
});
