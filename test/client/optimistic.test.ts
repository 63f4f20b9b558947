import { describe, expect, it } from 'vitest';
import { optimisticUpdate } from '../../client/src/document/optimistic.js';

function box<T>(value: T) {
  let v = value;
  const seen: T[] = [];
  return { get: () => v, set: (n: T) => { v = n; seen.push(n); }, seen };
}

describe('optimisticUpdate', () => {
  it('shows the change at once and then takes the server answer', async () => {
    const b = box({ status: 'draft', n: 1 });
    let resolve!: (v: { status: string; n: number }) => void;
    const pending = optimisticUpdate({
      ...b,
      apply: (c) => ({ ...c, status: 'proposed' }),
      request: () => new Promise<{ status: string; n: number }>((r) => (resolve = r)),
      commit: (_c, r) => r,
    });
    expect(b.get().status).toBe('proposed'); // before the server answered
    resolve({ status: 'proposed', n: 2 });
    const result = await pending;
    expect(result.ok).toBe(true);
    expect(b.get()).toEqual({ status: 'proposed', n: 2 });
  });

  it('rolls back when the server refuses', async () => {
    const b = box({ status: 'draft' });
    const before = b.get();
    const result = await optimisticUpdate({
      ...b,
      apply: (c) => ({ ...c, status: 'adopted' }),
      request: () => Promise.reject(new Error('invalidState')),
    });
    expect(result.ok).toBe(false);
    expect(b.get()).toBe(before);
    expect(b.seen.map((s) => s.status)).toEqual(['adopted', 'draft']);
  });

  it('undoes only its own change when something else landed meanwhile', async () => {
    const b = box({ a: 1, b: 1 });
    let reject!: (e: unknown) => void;
    const pending = optimisticUpdate({
      ...b,
      apply: (c) => ({ ...c, a: 2 }),
      request: () => new Promise((_r, j) => (reject = j)),
      revert: (c) => ({ ...c, a: 1 }),
    });
    b.set({ ...b.get(), b: 5 }); // another update landed
    reject(new Error('no'));
    await pending;
    expect(b.get()).toEqual({ a: 1, b: 5 });
  });
});
