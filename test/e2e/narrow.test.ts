import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExampleWorkspace, type DemoAccount } from '../../server/example/workspace.js';
import { buildUser } from '../helpers/factories.js';
import { launchBrowser, seriousViolations, startHub, watchErrors, type Hub } from './harness.js';

/*
 * Every page fits a phone (390 × 844 CSS px): the page is never wider than the screen,
 * long unbroken text (a URL in the summary) wraps, and axe finds nothing serious.
 */

const longUrl = `https://www.regionvasterbotten.se/${'samverkansstruktur-vard-och-omsorg/'.repeat(40)}bilaga-2.pdf`;

let hub: Hub;
let browser: Browser;
let accounts: DemoAccount[];
let admin: { email: string; password: string };
let ids: { regional: string; intent: string; minutes: string };

beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchBrowser()]);
  ({ accounts } = await createExampleWorkspace(hub.tdb.db, null));
  admin = await buildUser(hub.tdb.db, { name: 'Hanna Hubb', email: 'admin@example.se', isAdmin: true });
  const db = hub.tdb.db;
  const doc = async (kind: 'regional_agreement' | 'letter_of_intent' | 'minutes') => (await db.selectFrom('documents').select('id').where('kind', '=', kind).executeTakeFirstOrThrow()).id;
  ids = { regional: await doc('regional_agreement'), intent: await doc('letter_of_intent'), minutes: await doc('minutes') };
  await db.updateTable('documents').set({ summary: `Underlag: ${longUrl}`, title: `Överenskommelse ${'mycketlångtordutanmellanrum'.repeat(8)}` }).where('id', '=', ids.intent).execute();
});

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

async function phone(person?: { email: string; password: string }): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: hub.origin, viewport: { width: 390, height: 844 }, locale: 'sv-SE', isMobile: true, hasTouch: true });
  if (person) {
    const res = await context.request.post('/api/session', { data: { email: person.email, password: person.password } });
    if (res.status() !== 200) throw new Error(`login ${person.email}: ${res.status()}`);
  }
  return context;
}

async function fits(context: BrowserContext, path: string, ready: string) {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(path);
  await page.locator(ready).first().waitFor({ timeout: 8000 }).catch(() => { throw new Error(`${path}: no ${ready}`); });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  const violations = await seriousViolations(page);
  await page.close();
  return { path, width, violations, errors };
}

describe('every page fits 390 px', () => {
  it('the login page, the start page, the agreements, the minutes and the admin page', { timeout: 90_000 }, async () => {
    const results = [await fits(await phone(), '/login', 'form')];
    const editor = await phone(accounts.find((a) => a.email === 'dorotea.redaktor@example.se')!);
    results.push(await fits(editor, '/', 'table.documents'));
    results.push(await fits(editor, `/documents/${ids.regional}`, '[data-testid=decisions]'));
    results.push(await fits(editor, `/documents/${ids.intent}`, '.summary'));
    results.push(await fits(editor, `/documents/${ids.minutes}`, '#meeting-heading'));
    const hubAdmin = await phone(admin);
    results.push(await fits(hubAdmin, '/admin', 'h1'));
    results.push(await fits(hubAdmin, '/', 'table.documents'));
    results.push(await fits(hubAdmin, '/no-such-page', 'h1'));
    for (const r of results) {
      expect(r.width, `${r.path} is ${r.width} px wide`).toBeLessThanOrEqual(390);
      expect(r.violations, r.path).toEqual([]);
      expect(r.errors, r.path).toEqual([]);
    }
  });

  it('opens the plan forms on a phone without widening the page', async () => {
    const page = await (await phone(accounts.find((a) => a.email === 'dorotea.redaktor@example.se')!)).newPage();
    await page.goto(`/documents/${ids.intent}`);
    await page.getByRole('button', { name: 'Ändra kostnadsfördelningen' }).click();
    await page.getByRole('button', { name: 'Ny avstämning' }).click();
    await page.getByRole('button', { name: /Ändra datum för Steg 1/ }).click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
