import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExampleWorkspace, type DemoAccount } from '../../server/example/workspace.js';
import { buildUser } from '../helpers/factories.js';
import { launchBrowser, seriousViolations, startHub, watchErrors, type Hub } from './harness.js';

/*
 * Decisions and the plan in real Chromium, on the example workspace built from the two
 * source documents: the regional proposal with its two att-clauses exactly, a decision
 * written and its clauses reordered, Dorotea's steg 1 refused until its precondition is
 * met, and cost shares per stage with a live sum; a second browser sees each change.
 */

const clauses = [
  'att rekommendera fullmäktige att godkänna projektets redovisning, enligt bilaga 1',
  'att rekommendera fullmäktige att anta överenskommelse om regional samverkansstruktur avseende vård och omsorg mellan länets kommuner och Region Västerbotten, enligt bilaga 2',
];

let hub: Hub;
let browser: Browser;
let accounts: DemoAccount[];
let regionalId: string;
let intentId: string;

const account = (email: string) => accounts.find((a) => a.email === email)!;
const clauseTexts = (page: Page, decision: number) => page.locator('[data-testid=decisions] > li').nth(decision).locator('.clause-text').allTextContents();

beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchBrowser()]);
  ({ accounts } = await createExampleWorkspace(hub.tdb.db, null));
  const doc = (title: string) => hub.tdb.db.selectFrom('documents').select('id').where('title', '=', title).executeTakeFirstOrThrow();
  regionalId = (await doc('Överenskommelse om regional samverkansstruktur avseende vård och omsorg mellan länets kommuner och Region Västerbotten')).id;
  intentId = (await doc('Avsiktsförklaring')).id;
});

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

async function open(person: { email: string; password: string }, documentId: string) {
  const context = await browser.newContext({ baseURL: hub.origin, viewport: { width: 1280, height: 900 }, locale: 'sv-SE' });
  const res = await context.request.post('/api/session', { data: { email: person.email, password: person.password } });
  if (res.status() !== 200) throw new Error(`login ${person.email}: ${res.status()}`);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`/documents/${documentId}`);
  await page.locator('[data-testid=connection-state]', { hasText: 'Live' }).waitFor();
  return { page, errors };
}

describe('decisions and the plan in Chromium', () => {
  it('shows the regional proposal with its two att-clauses exactly, writes a decision and reorders clauses, live in a second browser', async () => {
    const region = await open(account('region.redaktor@example.se'), regionalId);
    const dorotea = await open(account('dorotea.redaktor@example.se'), regionalId);
    expect(await clauseTexts(region.page, 0)).toEqual(clauses);
    await expect.poll(() => hub.live.stats().sockets).toBe(2);

    // A new decision by the region's board, its second clause moved first.
    await region.page.getByRole('button', { name: 'Nytt beslut' }).click();
    const form = region.page.locator('form.decision-form');
    await form.getByLabel('Organ', { exact: true }).selectOption({ label: 'Regionstyrelsen (Region Västerbotten)' });
    await form.getByLabel('Beslutsdatum').fill('2020-03-10');
    await form.getByLabel('Paragraf (§)').fill('§ 12');
    await form.getByLabel('Att-sats 1', { exact: true }).fill('att tillstyrka överenskommelsen');
    await form.getByRole('button', { name: 'Lägg till att-sats' }).click();
    await form.getByLabel('Att-sats 2', { exact: true }).fill('att finansiera regionens del');
    await form.getByRole('button', { name: 'Flytta upp att-sats 2' }).click();
    await form.getByRole('button', { name: 'Spara' }).click();
    await form.waitFor({ state: 'detached' });
    expect(await clauseTexts(region.page, 1)).toEqual(['att finansiera regionens del', 'att tillstyrka överenskommelsen']);
    const started = Date.now();
    await dorotea.page.locator('[data-testid=decisions] > li').nth(1).getByText('att finansiera regionens del').waitFor({ timeout: 1000 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await clauseTexts(dorotea.page, 1)).toEqual(['att finansiera regionens del', 'att tillstyrka överenskommelsen']);

    // The proposal's clauses swapped and swapped back: the order is stored as given.
    await region.page.locator('[data-testid=decisions] > li').nth(0).getByRole('button', { name: 'Ändra beslutet' }).click();
    await region.page.getByRole('button', { name: 'Flytta ned att-sats 1' }).click();
    await region.page.locator('form.decision-form').getByRole('button', { name: 'Spara' }).click();
    await expect.poll(() => clauseTexts(dorotea.page, 0), { timeout: 1000 }).toEqual([clauses[1], clauses[0]]);
    await region.page.locator('[data-testid=decisions] > li').nth(0).getByRole('button', { name: 'Ändra beslutet' }).click();
    await region.page.getByRole('button', { name: 'Flytta upp att-sats 2' }).click();
    await region.page.locator('form.decision-form').getByRole('button', { name: 'Spara' }).click();
    await expect.poll(() => clauseTexts(dorotea.page, 0), { timeout: 1000 }).toEqual(clauses);
    const stored = await hub.tdb.db.selectFrom('decision_clauses').select('text').where('text', 'in', clauses).orderBy('position').execute();
    expect(stored.map((c) => c.text)).toEqual(clauses);

    // The timeline says who did it.
    await region.page.locator('[data-testid=timeline]').getByText('Ragnhild Region ändrade · Beslut').first().waitFor();
    expect(await seriousViolations(region.page)).toEqual([]);
    expect([...region.errors, ...dorotea.errors]).toEqual([]);
  });

  it("refuses Dorotea's steg 1 until its precondition is met, keeps the stored status after a reload, and sets cost shares with a live sum", async () => {
    const doroteaParty = await hub.tdb.db.selectFrom('parties').selectAll().where('name', '=', 'Dorotea kommun').executeTakeFirstOrThrow();
    const watcher = await buildUser(hub.tdb.db, { name: 'Vera Vakt', email: 'vera@example.se', party: doroteaParty, role: 'reader' });
    const editor = await open(account('dorotea.redaktor@example.se'), intentId);
    const reader = await open(watcher, intentId);
    const page = editor.page;
    const status = page.getByLabel('Status för Steg 1: gemensamma vårdplatser', { exact: true });

    // Not startable: the page offers no start and says what is missing.
    expect(await status.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['planned', 'cancelled']);
    const missing = page.getByTestId('stage-blocked').first();
    await missing.waitFor();
    expect(await missing.textContent()).toMatch(/Inte uppfyllt: Det finns en konkret plan för steg [23]; Det finns en konkret plan för steg [23]$/);
    // Asked anyway (as a stale page would), the hub refuses with the reason.
    const refused = await page.evaluate(async (stageId) => {
      const { csrfToken } = (await (await fetch('/api/me')).json()) as { csrfToken: string };
      const res = await fetch(`/api/stages/${stageId}`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify({ status: 'in_progress' }) });
      return { status: res.status, body: (await res.json()) as { error: { code: string; details: { description: string }[] } } };
    }, (await hub.tdb.db.selectFrom('stages').select('id').where('document_id', '=', intentId).where('position', '=', 1).executeTakeFirstOrThrow()).id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.map((d) => d.description).sort()).toEqual(['Det finns en konkret plan för steg 2', 'Det finns en konkret plan för steg 3']);

    for (const n of [2, 3]) await page.getByLabel(`Det finns en konkret plan för steg ${n}`).check();
    await missing.waitFor({ state: 'detached' });
    await status.selectOption('in_progress');
    await expect.poll(async () => (await hub.tdb.db.selectFrom('stages').select('status').where('document_id', '=', intentId).where('position', '=', 1).executeTakeFirstOrThrow()).status).toBe('in_progress');
    await reader.page.getByText('Status: Pågår').first().waitFor({ timeout: 1000 });
    // The regression: after a reload the select shows the stored status, not its first option.
    await page.reload();
    await status.waitFor();
    expect(await status.evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]!.textContent)).toBe('Pågår');

    // Cost shares of steg 1: the sum follows the typing, saving waits for 100 %.
    await page.getByRole('button', { name: 'Ändra kostnadsfördelningen' }).click();
    const sums = page.locator('[data-testid=cost-sums]');
    await sums.getByLabel('Delas solidariskt: Steg 1: gemensamma vårdplatser').uncheck();
    await page.getByLabel('Andel i procent, rad 1').fill('60');
    await sums.getByText('Summa Steg 1: gemensamma vårdplatser: 110 %').waitFor();
    expect(await page.locator('form.cost-form').getByRole('button', { name: 'Spara' }).isDisabled()).toBe(true);
    await page.getByLabel('Andel i procent, rad 2').fill('40');
    await sums.getByText('Summa Steg 1: gemensamma vårdplatser: 100 %').waitFor();
    await page.locator('form.cost-form').getByRole('button', { name: 'Spara' }).click();
    const started = Date.now();
    await reader.page.locator('[data-testid=cost-shares]').getByText('60 %').waitFor({ timeout: 1000 });
    expect(Date.now() - started).toBeLessThan(1000);
    const rows = await hub.tdb.db.selectFrom('cost_shares').select(['basis_points', 'joint']).where('document_id', '=', intentId).orderBy('created_at').execute();
    expect(rows).toEqual([{ basis_points: 6000, joint: 0 }, { basis_points: 4000, joint: 0 }]);

    // Split jointly again: equal shares, marked.
    await page.getByRole('button', { name: 'Ändra kostnadsfördelningen' }).click();
    await page.locator('[data-testid=cost-sums]').getByLabel('Delas solidariskt: Steg 1: gemensamma vårdplatser').check();
    await page.locator('form.cost-form').getByRole('button', { name: 'Spara' }).click();
    await reader.page.locator('[data-testid=cost-shares] caption').getByText('(Delas solidariskt)').waitFor({ timeout: 1000 });

    // An end before the start: the hub names the field, the form marks it and moves the focus there.
    await page.getByRole('button', { name: 'Ändra datum för Steg 2: temporära lokallösningar' }).click();
    const dates = page.locator('form', { has: page.getByLabel('Måldatum') });
    await dates.getByLabel('Startdatum').fill('2016-03-01');
    await dates.getByLabel('Slutdatum').fill('2016-01-01');
    await dates.getByRole('button', { name: 'Spara' }).click();
    const end = dates.getByLabel('Slutdatum');
    await expect.poll(() => end.getAttribute('aria-invalid')).toBe('true');
    expect(await end.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator(`#${await end.getAttribute('aria-describedby')}`).textContent()).toBe('Slutdatumet får inte vara före startdatumet.');
    expect(await dates.getByLabel('Startdatum').getAttribute('aria-invalid')).toBeNull();

    expect(await seriousViolations(page)).toEqual([]);
    expect([...editor.errors, ...reader.errors]).toEqual([]);
  });
});
