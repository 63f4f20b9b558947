import { buildWorld, fiftyPages, launchBrowser, loggedIn, startHub, waitInteractive } from '../test/e2e/harness.js';

/*
 * npm run bench:page — how fast the agreement page becomes interactive with a
 * 50-page agreement, on loopback in headless Chromium (the 1.5 s target).
 * Prints the first visit (downloads and compiles the editor) and the cached visits.
 */

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const hub = await startHub();
const browser = await launchBrowser();
try {
  const world = await buildWorld(hub);
  await hub.collab.setDocumentJson(world.agreement.id, fiftyPages('Slut på avtalstexten.') as Parameters<typeof hub.collab.setDocumentJson>[1]);
  const context = await loggedIn(browser, hub, world.doroteaEditor);
  const page = await context.newPage();
  const timings: number[] = [];
  for (let run = 0; run < runs; run++) {
    await page.goto(`/documents/${world.agreement.id}`);
    await waitInteractive(page, 'Slut på avtalstexten.', 30_000);
    timings.push(Math.round(await page.evaluate(() => performance.now())));
  }
  const characters = await page.evaluate(() => document.querySelector('.document-text')?.textContent?.length ?? 0);
  const [cold, ...warm] = timings;
  const sorted = [...warm].sort((a, b) => a - b);
  console.log(`50-page agreement, ${characters} characters, ${runs} visits`);
  console.log(`  first visit (editor not cached): ${cold} ms`);
  console.log(`  cached visits: median ${sorted[Math.floor(sorted.length / 2)]} ms, best ${sorted[0]} ms, worst ${sorted.at(-1)} ms`);
  console.log(`  target 1.5 s: ${(sorted[Math.floor(sorted.length / 2)] ?? Infinity) <= 1500 ? 'met' : 'missed'} (cached median)`);
  await context.close();
} finally {
  await browser.close();
  await hub.close();
}
