import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, launchBrowser, loggedIn, startHub, watchErrors, type Hub, type World } from './harness.js';

/*
 * The live channel in real Chromium: two people of two parties have the same agreement
 * open; what one changes shows up on the other's page within a second, without a reload.
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

/** A mark on the window: still there later means the page was not reloaded. */
async function mark(page: Page) {
  await page.evaluate(() => ((window as unknown as { liveMark: number }).liveMark = 1));
}
async function stillMarked(page: Page) {
  return page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark === 1);
}

describe('live channel in Chromium', () => {
  it("a status change and a cost share made in one browser appear in the other's page within a second", async () => {
    const [regionContext, doroteaContext] = await Promise.all([loggedIn(browser, hub, world.regionEditor), loggedIn(browser, hub, world.doroteaEditor)]);
    const [region, dorotea] = await Promise.all([regionContext.newPage(), doroteaContext.newPage()]);
    const errors = [...watchErrors(region), ...watchErrors(dorotea)];
    const path = `/documents/${world.agreement.id}`;
    await Promise.all([region.goto(path), dorotea.goto(path)]);
    for (const page of [region, dorotea]) {
      await page.getByRole('heading', { level: 1, name: world.agreement.title }).waitFor();
      await page.locator('[data-testid=connection-state]', { hasText: 'Live' }).waitFor();
    }
    // The live channel is open on both pages before anything changes.
    await expect.poll(() => hub.live.stats().sockets).toBe(2);
    await mark(dorotea);
    // "Förslag till beslut" is also a decision's state: look where the document's status is shown.
    const doroteaStatus = dorotea.getByRole('region', { name: 'Uppgifter' }).getByText('Förslag till beslut', { exact: true });
    expect(await doroteaStatus.count()).toBe(0);

    // Cost shares have no form on the page yet: set through the API from the region's page, as its script would
    // (first: a proposed agreement is frozen).
    const status = await region.evaluate(
      async ({ id, regionId, doroteaId }) => {
        const { csrfToken } = (await (await fetch('/api/me')).json()) as { csrfToken: string };
        const res = await fetch(`/api/documents/${id}/cost-shares`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
          body: JSON.stringify({ items: [{ label: 'Regionens andel', basisPoints: 5500, partyId: regionId }, { label: 'Doroteas andel', basisPoints: 4500, partyId: doroteaId }] }),
        });
        return res.status;
      },
      { id: world.agreement.id, regionId: world.region.id, doroteaId: world.dorotea.id },
    );
    expect(status).toBe(200);
    await dorotea.getByRole('row', { name: /Regionens andel\s*55 %/ }).waitFor({ timeout: 1000 });
    await dorotea.getByRole('row', { name: /Doroteas andel\s*45 %/ }).waitFor({ timeout: 1000 });

    // The region's editor moves the agreement on, through the page's own form.
    await region.getByLabel('Ändra status').selectOption({ label: 'Förslag till beslut' });
    const statusSaved = region.waitForResponse((r) => r.url().endsWith(`/api/documents/${world.agreement.id}/status`) && r.status() === 200);
    await region.getByRole('button', { name: 'Byt status' }).click();
    await statusSaved;
    await doroteaStatus.waitFor({ timeout: 1000 });

    expect(await stillMarked(dorotea)).toBe(true);
    expect(errors).toEqual([]);
    await Promise.all([regionContext.close(), doroteaContext.close()]);
  });

  it('a reader removed from the party stops getting changes', async () => {
    const context = await loggedIn(browser, hub, world.reader);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`/documents/${world.agreement.id}`);
    await page.getByRole('heading', { level: 1, name: world.agreement.title }).waitFor();
    await expect.poll(() => hub.live.stats().sockets).toBe(1);
    const membership = await hub.tdb.db.selectFrom('memberships').select('id').where('user_id', '=', world.reader.id).executeTakeFirstOrThrow();
    await hub.tdb.db.deleteFrom('memberships').where('id', '=', membership.id).execute();
    hub.events.emit('membership.changed', { userId: world.reader.id, partyId: world.dorotea.id });
    // The channel is closed for good (4405): it does not come back.
    await expect.poll(() => hub.live.stats().sockets).toBe(0);
    await new Promise((r) => setTimeout(r, 700));
    expect(hub.live.stats().sockets).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
