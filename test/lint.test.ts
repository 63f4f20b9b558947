import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/*
 * The rule that keeps writes out of routes (eslint.config.js), run through ESLint's own
 * API on snippets: each forbidden move in a route is reported, the same code in a
 * command is not, and the route shape (guard → command → present) passes.
 */

const eslint = new ESLint({ cwd: process.cwd() });

async function messages(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

const route = 'server/routes/example.ts';

describe('lint: routes leave writes to commands', () => {
  it('reports a transaction opened in a route', async () => {
    const code = `export async function handler(db: { transaction(): { execute(f: () => Promise<void>): Promise<void> } }) {
  await db.transaction().execute(async () => {});
}
`;
    expect(await messages(code, route)).toContainEqual({ rule: 'no-restricted-syntax', message: 'Routes do not open transactions: call a command in server/commands/.' });
  });

  it('reports inTransaction and its import in a route', async () => {
    const code = `import type { Deps } from '../env.js';
import { inTransaction } from '../commands/transaction.js';
export async function handler(deps: Deps) {
  await inTransaction(deps, async () => {});
}
`;
    const found = await messages(code, route);
    expect(found.filter((m) => m.rule === 'no-restricted-syntax')).toHaveLength(1);
    expect(found.filter((m) => m.rule === 'no-restricted-imports')).toHaveLength(1);
  });

  it('reports an import of the audit writer in a route', async () => {
    const code = `import { audit } from '../audit.js';
export const writer = audit;
`;
    expect((await messages(code, route)).map((m) => m.rule)).toEqual(['no-restricted-imports']);
  });

  it('reports events emitted by a route, through deps or directly', async () => {
    const code = `import type { Deps } from '../env.js';
export function handler(deps: Deps) {
  deps.events.emit('document.access.changed', { documentId: 'x' });
  const { events } = deps;
  events.emit('document.access.changed', { documentId: 'x' });
}
`;
    const found = await messages(code, route);
    expect(found).toHaveLength(2);
    expect(found.every((m) => m.message === 'Events are emitted by the command after its commit, not by the route.')).toBe(true);
  });

  it('lets a command open its transaction, write its audit entry and emit', async () => {
    const code = `import { audit } from '../audit.js';
import type { Deps } from '../env.js';
import { inTransaction } from './transaction.js';
export async function command(deps: Deps) {
  await inTransaction(deps, async (trx) => {
    await audit(trx, { actorId: null, action: 'x', entity: 'x', entityId: 'x' });
  });
  deps.events.emit('document.access.changed', { documentId: 'x' });
}
`;
    expect(await messages(code, 'server/commands/example.ts')).toEqual([]);
  });

  it('lets a route validate, check access, call a command and present', async () => {
    const code = `import { Hono } from 'hono';
import { deleteStage } from '../commands/stages.js';
import type { AppEnv, Deps } from '../env.js';
import { requireChild } from './guard.js';
export function routes(deps: Deps) {
  return new Hono<AppEnv>().delete('/:id', async (c) => {
    const { session, access } = await requireChild(c, deps, 'stages', c.req.param('id'), 'edit');
    await deleteStage(deps, session.user, { stageId: c.req.param('id'), documentId: access.document.id });
    return c.json({ ok: true as const });
  });
}
`;
    expect(await messages(code, route)).toEqual([]);
  });
});
