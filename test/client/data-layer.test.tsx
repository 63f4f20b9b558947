import { createRoot } from 'solid-js';
import { render } from 'solid-js/web';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CloseCodes } from '../../shared/errors.js';
import { clearQueries, getQueryData } from '../../client/src/api/cache.js';
import { ApiError, Codes, hasCode } from '../../client/src/api/client.js';
import { documentKey, prefetchDocument } from '../../client/src/api/documents.js';
import { createPartiesQuery, createParty } from '../../client/src/api/parties.js';
import { setStageStatus } from '../../client/src/api/plan.js';
import type { DocumentDetail } from '../../client/src/api/types.js';
import { optimisticUpdate } from '../../client/src/document/optimistic.js';
import { createDocumentStore, type DocumentStore } from '../../client/src/document/store.js';
import { closeText } from '../../client/src/i18n.js';
import { flush, stubFetch } from './fetch-stub.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.reverse()) c();
  cleanup = [];
  clearQueries();
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 100; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const dorotea = { id: 'p-dorotea', name: 'Dorotea kommun', shortName: null, kind: 'municipality' as const, orgNumber: null };
const region = { id: 'p-region', name: 'Region Västerbotten', shortName: null, kind: 'region' as const, orgNumber: null };

function detail(): DocumentDetail {
  return {
    document: {
      id: 'd1', kind: 'letter_of_intent', title: 'Avsiktsförklaring', reference: null, status: 'draft', dialogueRound: null,
      ownerPartyId: 'p-dorotea', parentId: null, attachmentNumber: null, summary: null, startsOn: null, endsOn: null, public: false, adoptionRule: { kind: 'all' },
      createdAt: '2015-06-23T10:00:00Z', updatedAt: '2015-06-23T10:00:00Z', permissions: { read: true, comment: true, edit: true, manage: true },
    },
    versionHash: 'v1',
    adoption: { rule: { kind: 'all' }, ok: false, reason: 'approvalsMissing', signatories: 0, approved: 0, required: 0, missing: [], stale: [] },
    parties: [],
    attachments: [],
    stages: [{ id: 's1', documentId: 'd1', position: 1, title: 'Steg 1', description: null, status: 'planned', startsOn: null, targetOn: null, endsOn: null, preconditions: [] }],
    checkpoints: [{ id: 'c1', documentId: 'd1', stageId: null, dueOn: '2015-09-30', title: 'Avstämning', reportTo: null, outcome: null, heldOn: null }],
    decisions: [],
    rounds: [],
    costShares: [],
    resources: [],
    meeting: null,
    publications: [],
    versions: [],
    feedback: [],
    myRoles: { 'p-dorotea': 'editor' },
    eventSeq: 0,
  };
}

function mountStore(id = 'd1'): DocumentStore {
  return createRoot((dispose) => {
    cleanup.push(dispose);
    return createDocumentStore(() => id);
  });
}

const count = (calls: { method: string; path: string }[], method: string, path: string) =>
  calls.filter((c) => c.method === method && c.path === path).length;

describe('the query cache', () => {
  it('asks once for a key that several components need at the same time, and shares the answer', async () => {
    const { calls } = stubFetch({ 'GET /api/parties': { body: { items: [dorotea] } } });
    function Names() {
      const { resource } = createPartiesQuery();
      return <p class="names">{(resource() ?? []).map((p) => p.name).join(', ')}</p>;
    }
    const host = document.createElement('div');
    document.body.append(host);
    cleanup.push(render(() => (<><Names /><Names /><Names /></>), host));
    await until(() => [...host.querySelectorAll('.names')].every((p) => p.textContent === 'Dorotea kommun'), 'three lists');
    expect(count(calls, 'GET', '/api/parties')).toBe(1);

    // A mutation's answer goes into the cache: every mounted query shows it without asking again.
    stubFetch({ 'POST /api/parties': { status: 201, body: { party: region } } });
    await createParty({ name: region.name, kind: 'region', shortName: null, orgNumber: null });
    await flush();
    expect([...host.querySelectorAll('.names')].map((p) => p.textContent)).toEqual(Array(3).fill('Dorotea kommun, Region Västerbotten'));
  });

  it('hands the early prefetch of a document to the page instead of asking twice', async () => {
    const { calls } = stubFetch({ 'GET /api/documents/d1': { body: detail() }, 'GET /api/parties': { body: { items: [] } } });
    prefetchDocument('d1');
    const store = mountStore();
    await until(() => store.loaded() !== undefined, 'the document');
    expect(count(calls, 'GET', '/api/documents/d1')).toBe(1);
  });
});

describe('document store', () => {
  it('refresh(section) asks only for that section and keeps the rest', async () => {
    const fresh = { ...detail().stages[0]!, status: 'in_progress' as const };
    const { calls } = stubFetch({
      'GET /api/documents/d1': { body: detail() },
      'GET /api/documents/d1/stages': { body: { items: [fresh] } },
      'GET /api/documents/d1/comments': { body: { items: [] } },
      'GET /api/parties': { body: { items: [] } },
    });
    const store = mountStore();
    await until(() => store.loaded() !== undefined, 'the document');
    const checkpoints = store.section('checkpoints')();
    calls.length = 0;

    await store.refresh('stages');
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/documents/d1/stages']);
    expect(store.section('stages')()?.[0]?.status).toBe('in_progress');
    expect(store.section('checkpoints')()).toBe(checkpoints); // untouched
    // The cache follows, so a revisit shows the refreshed section too.
    expect(getQueryData<DocumentDetail>(documentKey('d1'))?.stages[0]?.status).toBe('in_progress');

    await store.refresh('comments'); // the threads are a query of their own: asked for, the detail untouched
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/documents/d1/stages', 'GET /api/documents/d1/comments']);
    expect(store.section('checkpoints')()).toBe(checkpoints);

    await store.refresh('status'); // status decides the permissions: the whole detail again
    await until(() => calls.length === 3, 'the reload');
    expect(calls[2]).toMatchObject({ method: 'GET', path: '/api/documents/d1' });
  });

  it('takes back an optimistic change the server refuses, in the store and in the cache', async () => {
    stubFetch({
      'GET /api/documents/d1': { body: detail() },
      'GET /api/parties': { body: { items: [] } },
      'PATCH /api/stages/s1': { status: 409, body: { error: { code: 'invalidState', message: 'Preconditions unmet.' } } },
    });
    const store = mountStore();
    await until(() => store.loaded() !== undefined, 'the document');
    const pending = optimisticUpdate({
      get: store.loaded,
      set: store.set,
      apply: (cur) => ({ ...cur, stages: cur.stages.map((s) => ({ ...s, status: 'done' as const })) }),
      request: () => setStageStatus('s1', 'done'),
    });
    expect(store.loaded()?.stages[0]?.status).toBe('done'); // at once
    const result = await pending;
    expect(result.ok).toBe(false);
    expect(hasCode(result.ok ? null : result.error, Codes.invalidState)).toBe(true);
    expect(store.loaded()?.stages[0]?.status).toBe('planned');
    expect(getQueryData<DocumentDetail>(documentKey('d1'))?.stages[0]?.status).toBe('planned');
  });

  it('shows a document the person may not read as not found, by error code', async () => {
    stubFetch({
      'GET /api/documents/d2': { status: 403, body: { error: { code: 'forbidden', message: 'You may not do that.' } } },
      'GET /api/parties': { body: { items: [] } },
    });
    const store = mountStore('d2');
    await until(() => store.detail.error !== undefined, 'the error');
    expect(store.detail.error).toBeInstanceOf(ApiError);
    expect(hasCode(store.detail.error, Codes.notFound, Codes.forbidden)).toBe(true);
    expect(store.loaded()).toBeUndefined();
  });
});

describe('close messages', () => {
  it('are found by close-code name, with the generic line for the rest', () => {
    expect(closeText(CloseCodes.accessRevoked.code)).toBe('Din behörighet till dokumentet har tagits bort.');
    expect(closeText(CloseCodes.unauthenticated.code)).toBe('Du är inte inloggad längre. Logga in igen.');
    expect(closeText(CloseCodes.malformedMessage.code)).toBe(`Anslutningen stängdes av servern (${CloseCodes.malformedMessage.code}). Ladda om sidan för att försöka igen.`);
    expect(closeText(null)).toBe('Anslutningen stängdes av servern (0). Ladda om sidan för att försöka igen.');
  });
});
