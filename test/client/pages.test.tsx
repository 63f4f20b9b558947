import { render } from 'solid-js/web';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../../client/src/api/client.js';
import type { JSX } from 'solid-js';
import type { DocumentDetail, DocumentStatus, MemberRole } from '../../client/src/api/types.js';
import { DocumentPanel } from '../../client/src/document/DocumentPanel.js';
import { LoginPage } from '../../client/src/pages/LoginPage.js';
import { StartPage } from '../../client/src/pages/StartPage.js';
import { navigate } from '../../client/src/router.js';
import { createSessionStore, SessionProvider } from '../../client/src/session.js';
import { flush, sessionPayload, stubFetch } from './fetch-stub.js';

let dispose: (() => void) | null = null;
afterEach(() => {
  // The start page keeps its filters in the address: the next test starts from a clean one.
  navigate('/', { replace: true });
  dispose?.();
  dispose = null;
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

function mount(ui: () => JSX.Element) {
  const host = document.createElement('div');
  document.body.append(host);
  dispose = render(ui, host);
  return host;
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 100; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const byLabel = (host: HTMLElement, text: string) => {
  const label = [...host.querySelectorAll('label')].find((l) => l.textContent?.trim() === text);
  if (!label) throw new Error(`no label ${text}`);
  return document.getElementById(label.htmlFor) as HTMLInputElement;
};

function typeInto(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true }));
}

describe('LoginPage', () => {
  it('has labelled fields and says so plainly when the password is wrong', async () => {
    stubFetch({
      'GET /api/setup': { body: { needsSetup: false, hasDocuments: true } },
      'POST /api/session': { status: 401, body: { error: { code: 'invalidCredentials', message: 'Wrong e-mail or password.' } } },
    });
    const store = createSessionStore();
    const host = mount(() => (
      <SessionProvider store={store}>
        <LoginPage />
      </SessionProvider>
    ));
    typeInto(byLabel(host, 'E-postadress'), 'dagny@dorotea.se');
    typeInto(byLabel(host, 'Lösenord'), 'fel lösenord');
    host.querySelector('form')!.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true }));
    await until(() => host.querySelector('[role=alert]') !== null, 'the alert');
    expect(host.querySelector('[role=alert]')!.textContent).toBe('Fel e-postadress eller lösenord.');
    expect(byLabel(host, 'Lösenord').value).toBe('');
    expect(store.state.status).not.toBe('authenticated');
  });
});

describe('StartPage', () => {
  it('lists documents, filters them through the API, and shows the dashboard', async () => {
    const { calls } = stubFetch({
      'GET /api/documents': (req) => ({
        body: {
          items: req.path.includes('q=HSN')
            ? [{ id: 'd1', title: 'Regional överenskommelse', kind: 'regional_agreement', status: 'proposed', reference: 'HSN 335-2019', updatedAt: '2020-01-13T10:00:00Z' }]
            : [
                { id: 'd1', title: 'Regional överenskommelse', kind: 'regional_agreement', status: 'proposed', reference: 'HSN 335-2019', updatedAt: '2020-01-13T10:00:00Z' },
                { id: 'd2', title: 'Avsiktsförklaring', kind: 'letter_of_intent', status: 'in_dialogue', reference: null, updatedAt: '2015-06-23T10:00:00Z' },
              ],
          nextCursor: null,
        },
      }),
      'GET /api/dashboard': {
        body: {
          overdueCheckpoints: [],
          checkpoints: [{ id: 'c1', documentId: 'd2', dueOn: '2015-09-30', title: 'Avstämning steg 1', reportTo: 'Ledningsgruppen', documentTitle: 'Avsiktsförklaring' }],
          feedback: [{ id: 'f1', documentId: 'd1', partyId: 'p-dorotea', body: 'Hur når informationen medarbetarna?', state: 'open', documentTitle: 'Regional överenskommelse' }],
          mentions: [{ commentId: 'k2', threadId: 'k1', documentId: 'd1', documentTitle: 'Regional överenskommelse', authorName: 'Rut Region', body: '@Dagny Dorotea, vad säger ni?', createdAt: '2015-06-24T10:00:00Z' }],
        },
      },
      'GET /api/parties': { body: { items: [{ id: 'p-dorotea', name: 'Dorotea kommun', shortName: null, kind: 'municipality', orgNumber: null }] } },
    });
    const store = createSessionStore();
    store.accept(sessionPayload());
    const host = mount(() => (
      <SessionProvider store={store}>
        <StartPage />
      </SessionProvider>
    ));
    await until(() => host.querySelectorAll('table.documents tbody tr').length === 2, 'two rows');
    expect(host.querySelector('h1')!.textContent).toBe('Välkommen, Dagny Dorotea');
    expect(host.textContent).toContain('Förslag till beslut');
    expect(host.textContent).toContain('2015-09-30');
    expect(host.textContent).toContain('Hur når informationen medarbetarna?');
    expect(host.textContent).toContain('Dorotea kommun – redaktör');
    // Mentioned me: the link opens the document at the thread.
    const mention = [...host.querySelectorAll('a')].find((a) => a.textContent === 'Rut Region i Regional överenskommelse');
    expect(mention?.getAttribute('href')).toBe('/documents/d1?thread=k1');
    expect(host.textContent).toContain('@Dagny Dorotea, vad säger ni?');
    // No example button for a non-admin.
    expect(host.textContent).not.toContain('Skapa exempelarbetsyta');

    typeInto(byLabel(host, 'Sök på titel eller diarienummer'), 'HSN');
    host.querySelector<HTMLFormElement>('form[role=search]')!.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true }));
    await until(() => host.querySelectorAll('table.documents tbody tr').length === 1, 'one row');
    expect(calls.some((c) => c.path.startsWith('/api/documents?q=HSN'))).toBe(true);
  });

  it('offers a hub admin of an empty hub the example workspace', async () => {
    stubFetch({
      'GET /api/documents': { body: { items: [], nextCursor: null } },
      'GET /api/dashboard': { body: { checkpoints: [], overdueCheckpoints: [], feedback: [], mentions: [] } },
      'GET /api/parties': { body: { items: [] } },
      'GET /api/me': { body: sessionPayload({ isAdmin: true }) },
      'POST /api/example': {
        body: { created: true, accounts: [{ email: 'region.redaktor@example.se', password: 'pw-1234567', role: 'editor', party: 'Region Västerbotten' }] },
      },
    });
    const store = createSessionStore();
    store.accept(sessionPayload({ isAdmin: true }));
    const host = mount(() => (
      <SessionProvider store={store}>
        <StartPage />
      </SessionProvider>
    ));
    await until(() => host.textContent!.includes('Skapa exempelarbetsyta'), 'the example button');
    const button = [...host.querySelectorAll('button')].find((b) => b.textContent === 'Skapa exempelarbetsyta')!;
    button.click();
    await until(() => host.textContent!.includes('region.redaktor@example.se'), 'the accounts');
    expect(host.textContent).toContain('pw-1234567');
  });
});

function detail(over: { edit?: boolean; manage?: boolean; status?: string; myRole?: string } = {}): DocumentDetail {
  return {
    document: {
      id: 'd1', kind: 'letter_of_intent', title: 'Avsiktsförklaring', reference: 'Dorotea 2015-06-23', status: (over.status ?? 'proposed') as DocumentStatus,
      dialogueRound: null, ownerPartyId: 'p-dorotea', parentId: null, attachmentNumber: null, summary: 'Samverkan om vårdplatser',
      startsOn: null, endsOn: null, public: false, adoptionRule: { kind: 'all' }, createdAt: '2015-06-23T10:00:00Z', updatedAt: '2015-06-23T10:00:00Z',
      permissions: { read: true, comment: true, edit: over.edit ?? true, manage: over.manage ?? true },
    },
    versionHash: 'v1',
    adoption: { rule: { kind: 'all' }, ok: false, reason: 'approvalsMissing', signatories: 2, approved: 1, required: 2, missing: ['p-dorotea'], stale: [] },
    parties: [
      { partyId: 'p-dorotea', name: 'Dorotea kommun', kind: 'municipality', role: 'signatory', approval: 'pending', approvedAt: null, approvedBy: null, approvalBody: null, decidedOn: null, paragraph: null, versionHash: null, stale: false, bodies: [] },
      { partyId: 'p-vll', name: 'Västerbottens läns landsting', kind: 'county_council', role: 'signatory', approval: 'approved', approvedAt: '2015-06-20T10:00:00Z', approvedBy: 'x', approvalBody: null, decidedOn: null, paragraph: null, versionHash: 'v1', stale: false, bodies: [] },
    ],
    attachments: [],
    stages: [
      { id: 's1', documentId: 'd1', position: 1, title: 'Steg 1', description: '8 vårdplatser', status: 'planned', startsOn: null, targetOn: '2016-03-31', endsOn: null,
        preconditions: [{ id: 'pc1', stageId: 's1', requiresStageId: null, requirement: 'other', description: 'Konkret plan för steg 2 och 3', metAt: null, met: false }] },
    ],
    checkpoints: [{ id: 'c1', documentId: 'd1', stageId: null, dueOn: '2015-09-30', title: 'Avstämning', reportTo: 'Ledningen', outcome: null, heldOn: null }],
    decisions: [],
    rounds: [],
    costShares: [],
    resources: [],
    meeting: null,
    publications: [],
    versions: [],
    feedback: [],
    myRoles: { 'p-dorotea': (over.myRole ?? 'editor') as MemberRole },
    eventSeq: 0,
  };
}

describe('DocumentPanel', () => {
  async function mountPanel(d: DocumentDetail) {
    let current = d;
    const store = createSessionStore();
    store.accept(sessionPayload());
    const { createSignal } = await import('solid-js');
    const [value, setValue] = createSignal(current);
    const host = mount(() => (
      <SessionProvider store={store}>
        <DocumentPanel detail={value()} mutate={(v) => { current = v; setValue(() => v); }} refetch={() => {}} presence={[]} parties={[]} />
      </SessionProvider>
    ));
    return { host, current: () => current };
  }

  it('offers no editing to a reader', async () => {
    stubFetch({});
    const { host } = await mountPanel(detail({ edit: false, manage: false, myRole: 'reader' }));
    expect(host.textContent).toContain('Steg 1');
    expect(host.textContent).toContain('Konkret plan för steg 2 och 3');
    expect(host.textContent).not.toContain('Redigera uppgifter');
    expect(host.textContent).not.toContain('Ändra status');
    expect(host.textContent).not.toContain('Godkänn för');
    expect(host.querySelectorAll('select')).toHaveLength(0);
  });

  it('approves for the own party at once, and rolls back when the server refuses', async () => {
    stubFetch({ 'POST /api/documents/d1/approvals': { status: 409, body: { error: { code: 'invalidState', message: 'no' } } } });
    const { host, current } = await mountPanel(detail());
    // Only for the party the person is editor in, not for the other signatory.
    expect(host.textContent).toContain('Godkänn för Dorotea kommun');
    expect(host.textContent).not.toContain('Godkänn för Västerbottens läns landsting');
    typeInto(byLabel(host, 'Paragraf (§)'), '§ 12'); // the form asks for the citation
    const approve = [...host.querySelectorAll('button')].find((b) => b.textContent === 'Godkänn för Dorotea kommun')!;
    approve.click();
    expect(current().parties[0]!.approval).toBe('approved'); // optimistic
    await until(() => current().parties[0]!.approval === 'pending', 'the rollback');
    await until(() => host.querySelector('[role=alert]') !== null, 'the message');
    expect(host.querySelector('[role=alert]')!.textContent).toContain('Det går inte i dokumentets nuvarande läge.');
  });

  it('edits the details with the server answer replacing the guess', async () => {
    const { calls } = stubFetch({
      'PATCH /api/documents/d1': (req) => ({ body: { document: { ...detail().document, ...(req.body as object), updatedAt: '2024-01-01T00:00:00Z' } } }),
    });
    const { host, current } = await mountPanel(detail());
    [...host.querySelectorAll('button')].find((b) => b.textContent === 'Redigera uppgifter')!.click();
    await flush();
    typeInto(byLabel(host, 'Diarienummer'), 'KS 2015/123');
    host.querySelector<HTMLFormElement>('form')!.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true }));
    expect(current().document.reference).toBe('KS 2015/123');
    await until(() => current().document.updatedAt === '2024-01-01T00:00:00Z', 'the answer');
    expect(calls[0]!.body).toMatchObject({ reference: 'KS 2015/123' });
    expect(host.textContent).toContain('Ändringen är sparad.');
  });

  it('offers only what the server allows: no adoption before every approval, no start before the preconditions', async () => {
    const { calls } = stubFetch({
      'PATCH /api/preconditions/pc1': { body: { precondition: { id: 'pc1', stageId: 's1', requiresStageId: null, requirement: 'other', description: 'Konkret plan för steg 2 och 3', metAt: '2015-10-01T00:00:00Z', met: true } } },
    });
    const { host, current } = await mountPanel(detail());
    const optionsOf = (label: string) => [...byLabel(host, label).querySelectorAll('option')].map((o) => o.value);
    expect(optionsOf('Ändra status')).not.toContain('adopted'); // Dorotea has not approved yet
    expect(optionsOf('Ändra status')).not.toContain('published');
    expect(optionsOf('Status för Steg 1')).toEqual(['planned', 'cancelled']);
    expect(host.textContent).toContain('Steget kan starta först när förutsättningarna är uppfyllda.');

    const box = host.querySelector<HTMLInputElement>('.preconditions input[type=checkbox]')!;
    box.click();
    expect(current().stages[0]!.preconditions[0]!.met).toBe(true);
    await until(() => calls.length === 1, 'the request');
    expect(calls[0]).toMatchObject({ method: 'PATCH', body: { met: true } });
    await flush();
    expect(optionsOf('Status för Steg 1')).toEqual(['planned', 'in_progress', 'done', 'cancelled']);
  });

  it('offers adoption once every signatory has approved', async () => {
    stubFetch({});
    const d = detail();
    d.parties = d.parties.map((p) => ({ ...p, approval: 'approved' as const }));
    // As the server counts them: every signatory's fresh approval meets the rule.
    d.adoption = { ...d.adoption, ok: true, reason: null, approved: 2, missing: [] };
    const { host } = await mountPanel(d);
    const options = [...byLabel(host, 'Ändra status').querySelectorAll('option')].map((o) => o.value);
    expect(options).toContain('adopted');
  });
});
