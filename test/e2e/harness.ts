import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createApp } from '../../server/app.js';
import type { DocumentRow, Party, User } from '../../server/db/database.js';
import type { Deps } from '../../server/env.js';
import { createTestDb, testDeps, type TestDb } from '../helpers/db.js';
import { buildDocument, buildParty, buildUser, login } from '../helpers/factories.js';

/*
 * End-to-end: the real hub (API + collaboration server + the built client) on a port of
 * its own, a real SQLite file, and Debian's headless Chromium driven by playwright-core.
 */

export const clientDir = path.resolve('dist', 'client');

/** `npm test` builds the client first; a lone `vitest run test/e2e` builds it if it is missing. */
export function ensureClientBuilt(): void {
  if (fs.existsSync(path.join(clientDir, 'index.html'))) return;
  execFileSync(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
}

export interface Hub {
  origin: string;
  tdb: TestDb;
  collab: ReturnType<typeof createApp>['collab'];
  live: ReturnType<typeof createApp>['live'];
  events: Deps['events'];
  close(): Promise<void>;
}

export async function startHub(): Promise<Hub> {
  ensureClientBuilt();
  const tdb = await createTestDb('sqlite');
  const deps = testDeps(tdb, { clientDir });
  const hub = createApp(deps);
  const server = serve({ fetch: hub.app.fetch, port: 0, hostname: '127.0.0.1' });
  hub.injectWebSocket(server);
  if (!server.listening) await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    tdb,
    collab: hub.collab,
    live: hub.live,
    events: deps.events,
    async close() {
      await Promise.all([hub.collab.close(), hub.live.close()]);
      server.close();
      if ('closeAllConnections' in server) server.closeAllConnections();
      await tdb.drop();
    },
  };
}

type Person = User & { password: string };

export interface World {
  region: Party;
  dorotea: Party;
  admin: Person;
  regionEditor: Person;
  doroteaEditor: Person;
  reader: Person;
  agreement: DocumentRow;
  minutesId: string;
}

/**
 * Two parties drafting one agreement, with a stage, a checkpoint, a decision and a
 * dialogue meeting with minutes, made through the API as a person would.
 */
export async function buildWorld(hub: Hub): Promise<World> {
  const db = hub.tdb.db;
  const region = await buildParty(db, { name: 'Region Västerbotten', short_name: 'Regionen', kind: 'region' });
  const dorotea = await buildParty(db, { name: 'Dorotea kommun', short_name: 'Dorotea', kind: 'municipality' });
  const admin = await buildUser(db, { name: 'Hanna Hubb', email: 'admin@example.se', isAdmin: true });
  const regionEditor = await buildUser(db, { name: 'Ragnhild Region', email: 'ragnhild@example.se', party: region, role: 'editor' });
  const doroteaEditor = await buildUser(db, { name: 'Dagny Dorotea', email: 'dagny@example.se', party: dorotea, role: 'editor' });
  const reader = await buildUser(db, { name: 'Lisa Läsare', email: 'lisa@example.se', party: dorotea, role: 'reader' });
  const agreement = await buildDocument(db, {
    owner: region,
    parties: [dorotea],
    kind: 'local_agreement',
    title: 'Lokal överenskommelse om samverkan: Region Västerbotten och Dorotea kommun',
    reference: 'HSN 335-2019',
    status: 'in_dialogue',
    summary: 'Samverkan om vård och omsorg mellan regionen och kommunen.',
  });

  const { app } = createApp(testDeps(hub.tdb, { clientDir }));
  const as = await login(app, admin.email, admin.password);
  const ok = async (res: Response, what: string) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, any>;
  };
  const base = `/api/documents/${agreement.id}`;
  const stage = await ok(await as.request(`${base}/stages`, { method: 'POST', body: { title: 'Steg 1: gemensamma vårdplatser', targetOn: '2016-03-31' } }), 'stage');
  await ok(await as.request(`/api/stages/${stage.stage.id}/preconditions`, { method: 'POST', body: { description: 'Det finns en konkret plan för steg 2 och 3' } }), 'precondition');
  await ok(await as.request(`${base}/checkpoints`, { method: 'POST', body: { dueOn: '2030-09-30', title: 'Avstämning med ledningen', reportTo: 'Ledningsgruppen' } }), 'checkpoint');
  const body = await ok(await as.request(`/api/parties/${region.id}/bodies`, { method: 'POST', body: { name: 'Hälso- och sjukvårdsnämnden', kind: 'board' } }), 'body');
  await ok(
    await as.request(`${base}/decisions`, {
      method: 'POST',
      body: { bodyId: body.body.id, state: 'proposed', clauses: [{ text: 'att anta den lokala överenskommelsen' }] },
    }),
    'decision',
  );
  const round = await ok(await as.request(`${base}/rounds`, { method: 'POST', body: { number: 1, title: 'Lokala dialoger, omgång 1' } }), 'round');
  const meeting = await ok(
    await as.request(`/api/rounds/${round.round.id}/meetings`, {
      method: 'POST',
      body: {
        partyId: dorotea.id,
        heldAt: '2019-10-08T09:00:00Z',
        location: 'Kommunhuset, Dorotea',
        attendees: [{ name: 'Dagny Dorotea', partyId: dorotea.id, userId: doroteaEditor.id }, { name: 'Ragnhild Region', partyId: region.id }],
      },
    }),
    'meeting',
  );
  await ok(
    await as.request(`${base}/feedback`, {
      method: 'POST',
      body: { partyId: dorotea.id, body: 'Hur ska medarbetare som inte själva deltar få information om besluten?', roundId: round.round.id },
    }),
    'feedback',
  );
  return { region, dorotea, admin, regionEditor, doroteaEditor, reader, agreement, minutesId: meeting.meeting.minutesDocumentId };
}

/** About fifty printed pages of agreement text as TipTap JSON: headings, paragraphs, lists and cost tables. */
export function fiftyPages(lastWords: string) {
  const sentence =
    'Parterna ska gemensamt verka för en sammanhållen vård och omsorg där den enskildes behov står i centrum, och samverkan ska ske på lika villkor mellan kommunerna och regionen. ';
  const text = (s: string) => ({ type: 'text', text: s });
  const content: unknown[] = [{ type: 'heading', attrs: { level: 1 }, content: [text('Överenskommelse om regional samverkansstruktur')] }];
  for (let page = 1; page <= 50; page++) {
    content.push({ type: 'heading', attrs: { level: 2 }, content: [text(`${page}. Avsnitt ${page}`)] });
    for (let p = 0; p < 6; p++) content.push({ type: 'paragraph', content: [text(sentence.repeat(3))] });
    content.push({
      type: 'bulletList',
      content: ['Hälso- och sjukvårdsnämnden', 'Kommunstyrelsen', 'Regionstyrelsen'].map((s) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [text(s)] }] })),
    });
    if (page % 10 === 0) {
      const row = (cells: string[], cell: 'tableHeader' | 'tableCell') => ({
        type: 'tableRow',
        content: cells.map((c) => ({ type: cell, content: [{ type: 'paragraph', content: [text(c)] }] })),
      });
      content.push({ type: 'table', content: [row(['Part', 'Andel'], 'tableHeader'), row(['Kommunerna', '50 %'], 'tableCell'), row(['Regionen', '50 %'], 'tableCell')] });
    }
  }
  content.push({ type: 'paragraph', content: [text(lastWords)] });
  return { type: 'doc', content };
}

/** Waits until the agreement page is interactive: the whole text is there, the connection is live and the text takes input. */
export async function waitInteractive(page: Page, lastWords: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    (words) =>
      document.querySelector('.document-text')?.getAttribute('contenteditable') === 'true' &&
      (document.querySelector('.document-text')?.textContent ?? '').includes(words) &&
      document.querySelector('[data-testid=connection-state]')?.textContent === 'Live',
    lastWords,
    { timeout, polling: 20 },
  );
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A browser context with its own cookies, logged in through the API (the login form has its own test). */
export async function loggedIn(browser: Browser, hub: Hub, person: Person): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: hub.origin, viewport: { width: 1280, height: 900 }, locale: 'sv-SE' });
  const res = await context.request.post('/api/session', { data: { email: person.email, password: person.password } });
  if (res.status() !== 200) throw new Error(`login ${person.email}: ${res.status()}`);
  return context;
}

const axeSource = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page; returns serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: an inline <script> tag would be refused by the hub's CSP.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: any[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n: { target: unknown }) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Collects uncaught page errors, to fail a test that left the console red. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Whatever the Content-Security-Policy blocks shows up as a console error.
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  return errors;
}
