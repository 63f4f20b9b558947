import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, launchBrowser, loggedIn, seriousViolations, startHub, watchErrors, type Hub, type World } from './harness.js';

/*
 * Every page in real Chromium: it renders, speaks Swedish (English on request), and
 * axe-core finds no serious or critical WCAG 2.1 AA violation.
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

describe('pages in Chromium', () => {
  it('login: a wrong password gets a clear message; the right one opens the start page', async () => {
    const context = await browser.newContext({ baseURL: hub.origin });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('E-postadress').fill(world.doroteaEditor.email);
    await page.getByLabel('Lösenord').fill('inte rätt lösenord');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Fel e-postadress eller lösenord.');

    await page.getByLabel('Lösenord').fill(world.doroteaEditor.password);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Välkommen, Dagny Dorotea' }).waitFor();
    // Logging out returns to the login page.
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('start page: agreements, filters, checkpoints and feedback; English on request', async () => {
    const context = await loggedIn(browser, hub, world.regionEditor);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/');
    await page.locator('table.documents').getByRole('link', { name: world.agreement.title }).waitFor();
    await page.getByText('Avstämning med ledningen').waitFor();
    await page.getByText('Hur ska medarbetare som inte själva deltar få information om besluten?').waitFor();
    expect(await page.getByText('2030-09-30').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Sök på titel eller diarienummer').fill('HSN 335');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await expect.poll(() => page.locator('table.documents tbody tr').count()).toBe(1);
    await page.getByLabel('Sök på titel eller diarienummer').fill('finns inte');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByText('Inga dokument matchar filtret.').waitFor();

    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Welcome, Ragnhild Region' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Language').selectOption('sv');
    await page.getByRole('heading', { level: 1, name: 'Välkommen, Ragnhild Region' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('agreement page: metadata panel, editor and keyboard access pass axe', async () => {
    const context = await loggedIn(browser, hub, world.regionEditor);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`/documents/${world.agreement.id}`);
    await page.getByRole('heading', { level: 1, name: world.agreement.title }).waitFor();
    const panel = page.getByRole('complementary', { name: 'Om dokumentet' });
    await panel.getByText('Steg 1: gemensamma vårdplatser', { exact: true }).waitFor();
    for (const text of ['HSN 335-2019', 'I dialog', 'Dorotea kommun', 'Hälso- och sjukvårdsnämnden', 'att anta den lokala överenskommelsen', 'Det finns en konkret plan för steg 2 och 3', 'Lokala dialoger, omgång 1']) {
      expect(await panel.getByText(text).count(), text).toBeGreaterThan(0);
    }
    await page.locator('[data-testid=connection-state]', { hasText: 'Live' }).waitFor();
    expect(await page.getByRole('toolbar', { name: 'Formatering' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    // The skip link comes first and leads to the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hoppa till innehållet');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('minutes page: the meeting with date, party, round and attendees', async () => {
    const context = await loggedIn(browser, hub, world.doroteaEditor);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`/documents/${world.minutesId}`);
    const meeting = page.getByRole('region', { name: 'Mötet' });
    await meeting.getByText('Kommunhuset, Dorotea').waitFor();
    await meeting.getByText('Lokala dialoger, omgång 1').waitFor();
    expect(await meeting.getByText('2019-10-08 11:00').count()).toBe(1);
    expect(await page.getByTestId('attendees').textContent()).toContain('Ragnhild Region');
    await page.locator('[data-testid=connection-state]', { hasText: 'Live' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the axe check itself catches what it should (an unlabelled field, low contrast)', async () => {
    const context = await browser.newContext({ baseURL: hub.origin });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await page.evaluate(() => {
      document.querySelector('main')!.insertAdjacentHTML('beforeend', '<input type="text"><p style="color:#bbb;background:#fff">svag text</p>');
    });
    const ids = (await seriousViolations(page)).map((v) => v.id).sort();
    expect(ids).toEqual(['color-contrast', 'label']);
    await context.close();
  });

  it('admin page and invitation: invite, accept with a new password, and arrive logged in', async () => {
    const context = await loggedIn(browser, hub, world.admin);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/admin');
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await page.getByLabel('Välj part').selectOption({ label: 'Dorotea kommun' });
    await page.getByRole('heading', { name: 'Medlemmar i Dorotea kommun' }).waitFor();
    await page.getByRole('cell', { name: 'Lisa Läsare', exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('E-postadress').fill('ny.person@dorotea.se');
    await page.getByLabel('Roll', { exact: true }).selectOption('commenter');
    await page.getByRole('button', { name: 'Skapa inbjudan' }).click();
    const link = await page.getByTestId('invite-link').inputValue();
    expect(link).toMatch(/\/invite\/[^/]+$/);
    await context.close();

    const guest = await browser.newContext({ baseURL: hub.origin });
    const invitePage = await guest.newPage();
    await invitePage.goto(new URL(link).pathname);
    await invitePage.getByText('Du har bjudits in till Dorotea kommun som kommentator').waitFor();
    expect(await seriousViolations(invitePage)).toEqual([]);
    await invitePage.getByLabel('Ditt namn').fill('Ny Person');
    await invitePage.getByLabel('Nytt lösenord (minst 10 tecken)').fill('kort');
    await invitePage.getByLabel('Upprepa lösenordet').fill('kort');
    await invitePage.getByRole('button', { name: 'Skapa konto' }).click();
    await invitePage.getByText('Lösenordet måste ha minst 10 tecken.').waitFor();
    await invitePage.getByLabel('Nytt lösenord (minst 10 tecken)').fill('ett långt lösenord');
    await invitePage.getByLabel('Upprepa lösenordet').fill('ett långt lösenord');
    await invitePage.getByRole('button', { name: 'Skapa konto' }).click();
    await invitePage.getByRole('heading', { level: 1, name: 'Välkommen, Ny Person' }).waitFor();

    // The link was used: it now says so.
    const again = await (await browser.newContext({ baseURL: hub.origin })).newPage();
    await again.goto(new URL(link).pathname);
    await again.getByText('Inbjudan har gått ut eller har redan använts').waitFor();
    expect(errors).toEqual([]);
    await guest.close();
    await again.context().close();
  });
});
