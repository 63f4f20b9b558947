import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { testDeps } from '../helpers/db.js';
import { buildDocument, login } from '../helpers/factories.js';
import { buildWorld, clientDir, launchBrowser, loggedIn, seriousViolations, startHub, watchErrors, type Hub, type World } from './harness.js';

/*
 * Publishing as a user does it, in Chromium: publish an adopted agreement from its page,
 * read the public address in a fresh browser without login (and without JavaScript), then
 * name a version, compare it with the current text and restore it.
 */

let hub: Hub;
let world: World;
let browser: Browser;

const paragraph = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchBrowser()]);
  world = await buildWorld(hub);
});

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

async function adopt(documentId: string) {
  const { app } = createApp(testDeps(hub.tdb, { clientDir }));
  const region = await login(app, world.regionEditor.email, world.regionEditor.password);
  const dorotea = await login(app, world.doroteaEditor.email, world.doroteaEditor.password);
  const must = async (res: Response) => expect(res.status, await res.clone().text()).toBe(200);
  await must(await region.request(`/api/documents/${documentId}/status`, { method: 'POST', body: { status: 'proposed' } }));
  await must(await region.request(`/api/documents/${documentId}/approvals`, { method: 'POST', body: { partyId: world.region.id, approval: 'approved' } }));
  await must(await dorotea.request(`/api/documents/${documentId}/approvals`, { method: 'POST', body: { partyId: world.dorotea.id, approval: 'approved' } }));
  await must(await region.request(`/api/documents/${documentId}/status`, { method: 'POST', body: { status: 'adopted' } }));
}

async function openDocument(page: Page, id: string, text: string) {
  await page.goto(`/documents/${id}`);
  await page.waitForFunction((t) => (document.querySelector('.document-text')?.textContent ?? '').includes(t), text, { timeout: 15_000 });
}

describe('publishing in Chromium', () => {
  it('publishes from the page, and anyone reads the public address with text and hash', async () => {
    const id = world.agreement.id;
    const text = 'Region Västerbotten och Dorotea kommun ansvarar gemensamt för åtta vårdplatser i Åsele.';
    await hub.collab.setDocumentJson(id, paragraph(text));
    await adopt(id);

    const context = await loggedIn(browser, hub, world.regionEditor);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await openDocument(page, id, text);
    const section = page.locator('#publishing-heading').locator('..');
    await section.getByLabel('Alla (offentlig, utan inloggning)').check();
    await section.getByRole('button', { name: 'Publicera' }).click();
    const publication = page.getByTestId('publication');
    await publication.getByText('Version 1 publicerades').waitFor();
    const hash = (await publication.locator('code.hash').textContent())!.trim();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const href = await publication.getByRole('link', { name: 'Öppna den publicerade sidan' }).getAttribute('href');
    expect(href).toBe('/p/HSN-335-2019/v1');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();

    // A fresh browser: no session, and no JavaScript either; the page is whole without it.
    const visitor = await browser.newContext({ baseURL: hub.origin, javaScriptEnabled: false, locale: 'sv-SE' });
    const pub = await visitor.newPage();
    const res = await pub.goto(href!);
    expect(res?.status()).toBe(200);
    expect(await pub.locator('h1').textContent()).toBe(world.agreement.title);
    expect(await pub.locator('.agreement-text').textContent()).toContain(text);
    expect(await pub.locator('#hash').textContent()).toBe(hash);
    expect(await pub.getByRole('link', { name: 'versionens kanoniska form' }).getAttribute('href')).toMatch(/\/canonical$/);
    await visitor.close();

    const axeContext = await browser.newContext({ baseURL: hub.origin, locale: 'sv-SE' });
    const axePage = await axeContext.newPage();
    await axePage.goto(href!);
    expect(await seriousViolations(axePage)).toEqual([]);
    await axeContext.close();
  });

  it('names a version, compares it with the current text, and restores it', async () => {
    const doc = await buildDocument(hub.tdb.db, { owner: world.region, parties: [world.dorotea], title: 'Avsiktsförklaring om samverkan', reference: 'RS 12-2026' });
    await hub.collab.setDocumentJson(doc.id, paragraph('Kostnaderna delas lika mellan parterna.'));
    const context = await loggedIn(browser, hub, world.regionEditor);
    const page = await context.newPage();
    const errors = watchErrors(page);
    page.on('dialog', (d) => void d.accept());
    await openDocument(page, doc.id, 'delas lika');

    const versions = page.locator('#versions-heading').locator('..');
    await versions.getByLabel('Namn på versionen').fill('inför dialogrunda 2');
    await versions.getByRole('button', { name: 'Spara version' }).click();
    await versions.getByTestId('timeline-entry').filter({ hasText: 'inför dialogrunda 2' }).waitFor();

    // Another editor changes the text; the page's editor shows it live.
    await hub.collab.setDocumentJson(doc.id, paragraph('Kostnaderna delas solidariskt mellan parterna.'));
    await page.waitForFunction(() => (document.querySelector('.document-text')?.textContent ?? '').includes('solidariskt'));

    await versions.getByLabel('Från').selectOption({ label: 'Namngiven: inför dialogrunda 2' });
    await versions.getByLabel('Till').selectOption({ label: 'Nuvarande text' });
    await versions.getByRole('button', { name: 'Jämför' }).click();
    const diff = page.getByTestId('compare-text');
    await diff.waitFor();
    expect(await diff.locator('ins').allTextContents()).toEqual(['Tillagt: solidariskt (slut på tillägg)']);
    expect(await diff.locator('del').allTextContents()).toEqual(['Borttaget: lika (slut på borttagning)']);
    expect(await seriousViolations(page)).toEqual([]);

    await versions.getByRole('button', { name: 'Visa: inför dialogrunda 2' }).click();
    expect(await page.getByTestId('version-text').textContent()).toBe('Kostnaderna delas lika mellan parterna.');
    expect(await seriousViolations(page)).toEqual([]);

    await versions.getByRole('button', { name: 'Återställ: inför dialogrunda 2' }).click();
    await page.waitForFunction(() => (document.querySelector('.document-text')?.textContent ?? '') === 'Kostnaderna delas lika mellan parterna.', undefined, { timeout: 10_000 });
    expect(await hub.collab.documentText(doc.id)).toBe('Kostnaderna delas lika mellan parterna.');
    await versions.getByText('Texten är återställd till ”inför dialogrunda 2”.').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
