import { zValidator } from '@hono/zod-validator';
import type { ZodType } from 'zod';
import { ApiError } from './errors.js';

/*
 * zod validators that answer in the API's error shape: 400 `validation` with one
 * entry per field. Typed, so Hono RPC carries the input types to the client.
 */

function issues(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

function hook(result: { success: boolean; error?: unknown }) {
  if (!result.success) {
    throw new ApiError('validation', undefined, issues(result.error as Parameters<typeof issues>[0]));
  }
}

export const jsonBody = <T extends ZodType>(schema: T) => zValidator('json', schema, hook);
export const queryOf = <T extends ZodType>(schema: T) => zValidator('query', schema, hook);
export const paramsOf = <T extends ZodType>(schema: T) => zValidator('param', schema, hook);
