import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../helpers/factories.js';
import { createApp } from '../../server/app.js';
import { testDeps } from '../helpers/db.js';
import { buildWorld, clientDir, launchBrowser, seriousViolations, startHub, watchErrors, type Hub, type World } from './harness.js';

/*
 * Issue 8, item 1 in the browser: an invitation to an address that has an account is accepted
 * by logging in through the ordinary login page and then joining; creating an account for
 * that address is refused and the page points to the login.
 */

let hub: Hub;
let world: World;
let browser: Browser;

beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchBrowser()]);
  world = await buildWorld(hub);
});

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

describe('invitation to an existing account', () => {
  it('logs in through the login page, comes back and joins', async () => {
    const { app } = createApp(testDeps(hub.tdb, { clientDir }));
    const admin = await login(app, world.admin.email, world.admin.password);
    const res = await admin.request(`/api/parties/${world.region.id}/invitations`, { method: 'POST', body: { email: world.reader.email, role: 'reader' } });
    const { link } = (await res.json()) as { link: string };

    const context = await browser.newContext({ baseURL: hub.origin });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(link);
    await page.getByText('Du har bjudits in till Region Västerbotten som läsare').waitFor();
    // Trying to create an account for the address is refused, without a word about the password.
    await page.getByLabel('Ditt namn').fill('Lisa Läsare');
    await page.getByLabel('Nytt lösenord (minst 10 tecken)').fill(world.reader.password);
    await page.getByLabel('Upprepa lösenordet').fill(world.reader.password);
    await page.getByRole('button', { name: 'Skapa konto' }).click();
    await page.getByText('Adressen kan inte få ett nytt konto här.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Jag har redan ett konto: logga in' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await page.getByLabel('E-postadress').fill(world.reader.email);
    await page.getByLabel('Lösenord', { exact: true }).fill(world.reader.password);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('button', { name: 'Gå med' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(link);
    await page.getByRole('button', { name: 'Gå med' }).click();
    await page.getByRole('heading', { level: 1, name: /^Välkommen/ }).waitFor();
    const memberships = await hub.tdb.db.selectFrom('memberships').select('party_id').where('user_id', '=', world.reader.id).execute();
    expect(memberships.map((m) => m.party_id).sort()).toEqual([world.dorotea.id, world.region.id].sort());
    expect(errors).toEqual([]);
    await context.close();
  });
});
