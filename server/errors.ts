import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { type ErrorBody, type ErrorCode, ErrorCodes } from '../shared/errors.js';

/** The one error type routes and commands throw; `app.onError` turns it into JSON. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ErrorCodes[code].message);
    this.code = code;
    this.status = ErrorCodes[code].status;
    this.details = details;
  }
}

export function fail(code: ErrorCode, message?: string, details?: unknown): never {
  throw new ApiError(code, message, details);
}

const statusCodes: Partial<Record<number, ErrorCode>> = {
  400: 'badRequest',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'notFound',
  409: 'conflict',
  413: 'payloadTooLarge',
  415: 'unsupportedMediaType',
  429: 'rateLimited',
};

/** Database constraint violations are the caller's conflict, not a server fault. */
function constraintError(err: unknown): ApiError | null {
  const e = err as { code?: string; message?: string };
  if (e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new ApiError('conflict', 'A record with the same unique value already exists.');
  }
  if (e?.code === '23503' || e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new ApiError('conflict', 'The record refers to something that does not exist, or is still referred to.');
  }
  if (e?.code === '23514' || e?.code === 'SQLITE_CONSTRAINT_CHECK') {
    return new ApiError('validation', 'A value is outside what is allowed.');
  }
  return null;
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 400 && /json/i.test(err.message)) return new ApiError('malformedJson');
    const code = statusCodes[err.status];
    if (code) return new ApiError(code, err.message || undefined);
  }
  return constraintError(err) ?? new ApiError('internal');
}

export function errorResponse(c: Context, err: ApiError): Response {
  const body: ErrorBody = { error: { code: err.code, message: err.message } };
  if (err.details !== undefined) body.error.details = err.details;
  return c.json(body, err.status as 400);
}
