import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../helpers/factories.js';
import { launchBrowser, loggedIn, seriousViolations, startHub, watchErrors, type Hub } from './harness.js';

/*
 * The regional example (sixteen parties) from proposal to adoption in Chromium: two parties
 * approve in the browser with body, date and §, the other fourteen through the API; an edit
 * makes the approvals stale and adoption is refused until they approve again; adoption then
 * turns the other open editor read-only with a notice, never a permission error.
 */

let hub: Hub;
let browser: Browser;

beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

interface Person {
  email: string;
  password: string;
}

/** A person's API over real HTTP (the browser's hub, so its live documents are the ones read). */
async function api(person: Person) {
  const login = await fetch(`${hub.origin}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: person.email, password: person.password }),
  });
  if (login.status !== 200) throw new Error(`login ${person.email}: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${hub.origin}${path}`, {
      method: init.method ?? 'GET',
      headers: { cookie, 'x-csrf-token': csrfToken, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const body = (await res.json()) as any;
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  };
}

/**
 * Approves in the browser and waits until the hub holds a fresh approval of the current version.
 * A page that has not yet heard of the latest version sends the old one and is refused (409
 * approvalsStale) until its version refresh lands; then the person approves again.
 */
async function approveInBrowser(page: Page, party: string, body: string, paragraph: string, fresh?: () => Promise<boolean>) {
  const form = page.getByRole('group', { name: `Beslut för ${party}` });
  for (let attempt = 0; attempt < 5; attempt++) {
    await form.getByLabel('Beslutande organ').selectOption({ label: body });
    await form.getByLabel('Beslutsdatum').fill('2019-11-21');
    await form.getByLabel('Paragraf (§)').fill(paragraph);
    await form.getByRole('button', { name: `Godkänn för ${party}` }).click();
    if (!fresh) return;
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline) {
      if (await fresh()) return;
      await page.waitForTimeout(200);
    }
  }
  throw new Error(`${party}: no fresh approval recorded`);
}

describe('approvals of the regional agreement in Chromium', () => {
  it('two parties approve in the browser, an edit makes the approvals stale, adoption locks the other editor without an error', async () => {
    const admin = await buildUser(hub.tdb.db, { isAdmin: true });
    const asAdmin = await api(admin);
    const example = await asAdmin('/api/example', { method: 'POST' });
    const account = (email: string) => example.accounts.find((a: { email: string }) => a.email === email) as Person;
    const region = account('region.redaktor@example.se');
    const dorotea = account('dorotea.redaktor@example.se');
    const asRegion = await api(region);
    const list = await asRegion('/api/documents?kind=regional_agreement');
    const id = list.items[0].id as string;
    const detail = await asRegion(`/api/documents/${id}`);
    expect(detail.parties).toHaveLength(16);
    expect(detail.adoption).toMatchObject({ approved: 0, signatories: 16 });

    // An editor for each of the fourteen other municipalities, approving through the API.
    const others = detail.parties.filter((p: { name: string }) => p.name !== 'Region Västerbotten' && p.name !== 'Dorotea kommun');
    const approvers = await Promise.all(
      others.map(async (p: { partyId: string }) => {
        const party = await hub.tdb.db.selectFrom('parties').selectAll().where('id', '=', p.partyId).executeTakeFirstOrThrow();
        const user = await buildUser(hub.tdb.db, { party, role: 'editor' });
        return { partyId: p.partyId, call: await api(user) };
      }),
    );
    const approveOthers = async () => {
      const { versionHash } = await asRegion(`/api/documents/${id}/approvals`);
      for (const a of approvers) {
        await a.call(`/api/documents/${id}/approvals`, { method: 'POST', body: { partyId: a.partyId, approval: 'approved', decidedOn: '2019-11-20', paragraph: '§ 7', versionHash } });
      }
    };
    await approveOthers();

    // loggedIn reads only the e-mail address and the password.
    const person = (p: Person) => p as Parameters<typeof loggedIn>[2];
    const regionContext = await loggedIn(browser, hub, person(region));
    const doroteaContext = await loggedIn(browser, hub, person(dorotea));
    const pageR = await regionContext.newPage();
    const pageD = await doroteaContext.newPage();
    const errorsR = watchErrors(pageR);
    const errorsD = watchErrors(pageD);
    for (const page of [pageR, pageD]) {
      await page.goto(`/documents/${id}`);
      await page.locator('[data-testid=connection-state]', { hasText: 'Live' }).waitFor();
    }
    const count = (page: Page) => page.getByTestId('adoption-count');
    await expect.poll(() => count(pageR).textContent(), { timeout: 10_000 }).toContain('Antagen av 14/16');
    expect(await pageR.getByTestId('adoption-missing').textContent()).toContain('Dorotea kommun');

    const freshFor = (name: string) => async () => {
      const p = (await asRegion(`/api/documents/${id}`)).parties.find((x: { name: string }) => x.name === name);
      return p?.approval === 'approved' && !p.stale;
    };
    await approveInBrowser(pageR, 'Region Västerbotten', 'Hälso- och sjukvårdsnämnden', '§ 12', freshFor('Region Västerbotten'));
    await approveInBrowser(pageD, 'Dorotea kommun', 'Kommunfullmäktige i Dorotea', '§ 85', freshFor('Dorotea kommun'));
    // Each page sees the other's approval over the live channel.
    await expect.poll(() => count(pageR).textContent(), { timeout: 10_000 }).toContain('Antagen av 16/16');
    await expect.poll(() => count(pageD).textContent(), { timeout: 10_000 }).toContain('Antagen av 16/16');
    const regionItem = pageD.locator('.approval-item', { hasText: 'Region Västerbotten' });
    await expect.poll(() => regionItem.textContent()).toContain('Hälso- och sjukvårdsnämnden');
    expect(await regionItem.textContent()).toContain('§ 12');
    expect(await seriousViolations(pageR)).toEqual([]);

    // An edit in Dorotea's editor: every approval is now of an earlier version.
    const textD = pageD.locator('.document-text');
    await textD.click();
    await pageD.keyboard.press('Control+End');
    await pageD.keyboard.type(' Kommunen betalar ingenting.');
    const regionOnR = pageR.locator('.approval-item', { hasText: 'Region Västerbotten' });
    await expect.poll(() => regionOnR.textContent(), { timeout: 10_000 }).toContain('godkände en tidigare version');
    await expect.poll(() => count(pageR).textContent()).toContain('Antagen av 0/16');
    await regionOnR.getByRole('button', { name: 'Visa ändringar' }).click();
    await expect.poll(() => regionOnR.locator('ins').textContent(), { timeout: 10_000 }).toContain('Kommunen betalar ingenting.');
    expect(await seriousViolations(pageR)).toEqual([]);

    // While the approvals are stale, adoption is not offered (the server would answer 409
    // approvalsStale: test/server/api/approvals-version.test.ts), and the page says why.
    const statusForm = pageR.locator('form', { has: pageR.getByLabel('Ändra status') });
    const offered = () => statusForm.getByLabel('Ändra status').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    await expect.poll(offered, { timeout: 10_000 }).not.toContain('adopted');
    await pageR.getByText('godkände en tidigare version').first().waitFor();
    expect((await asRegion(`/api/documents/${id}`)).document.status).toBe('proposed');
    const adopt = async () => {
      await expect.poll(offered, { timeout: 10_000 }).toContain('adopted');
      await statusForm.getByLabel('Ändra status').selectOption('adopted');
      await statusForm.getByRole('button', { name: 'Byt status' }).click();
    };

    // Approved again, this version: then adoption goes through.
    await approveOthers();
    await approveInBrowser(pageR, 'Region Västerbotten', 'Hälso- och sjukvårdsnämnden', '§ 13', freshFor('Region Västerbotten'));
    await approveInBrowser(pageD, 'Dorotea kommun', 'Kommunfullmäktige i Dorotea', '§ 86', freshFor('Dorotea kommun'));
    await expect.poll(() => count(pageR).textContent(), { timeout: 10_000 }).toContain('Antagen av 16/16');
    await adopt();
    await expect.poll(async () => (await asRegion(`/api/documents/${id}`)).document.status, { timeout: 10_000 }).toBe('adopted');

    // Dorotea's open editor turns read-only at once, says why, and shows no permission error.
    await expect.poll(() => textD.getAttribute('contenteditable'), { timeout: 10_000 }).toBe('false');
    expect(await textD.textContent()).toContain('Kommunen betalar ingenting.');
    await pageD.getByText('Texten är låst i läget ”Antagen”.').waitFor();
    expect(await pageD.getByText('behörighet').count()).toBe(0);
    expect(await pageD.locator('[role=alert]').count()).toBe(0);
    expect(await seriousViolations(pageD)).toEqual([]);
    expect([...errorsR, ...errorsD]).toEqual([]);
    await regionContext.close();
    await doroteaContext.close();
  }, 120_000);
});
