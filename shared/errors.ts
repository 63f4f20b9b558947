/**
 * Error codes the API returns in `{ error: { code, message, details? } }`.
 * Stable strings: the client switches on them, so never rename one.
 */
export const ErrorCodes = {
  badRequest: { status: 400, message: 'The request is not valid.' },
  validation: { status: 400, message: 'Some fields are not valid.' },
  malformedJson: { status: 400, message: 'The request body is not valid JSON.' },
  unsupportedMediaType: { status: 415, message: 'Send the body as application/json.' },
  unauthenticated: { status: 401, message: 'Log in first.' },
  invalidCredentials: { status: 401, message: 'Wrong e-mail or password.' },
  csrf: { status: 403, message: 'The request lacks a valid CSRF token.' },
  forbidden: { status: 403, message: 'You may not do that.' },
  notFound: { status: 404, message: 'Not found.' },
  conflict: { status: 409, message: 'The request conflicts with the current state.' },
  invalidState: { status: 409, message: 'That is not possible in the current state.' },
  invitationExpired: { status: 410, message: 'The invitation has expired or was already used.' },
  payloadTooLarge: { status: 413, message: 'The request body is too large.' },
  rateLimited: { status: 429, message: 'Too many attempts; wait a while and try again.' },
  internal: { status: 500, message: 'Something went wrong on the server.' },
  invitationNeedsLogin: { status: 401, message: 'Log in to the account of the invited address, then accept the invitation.' },
  invitationForOtherAccount: { status: 403, message: 'The invitation is for another e-mail address; log out first.' },
  /** Adoption: the rule's approvals of the current version are not in; details name the parties missing. */
  approvalsMissing: { status: 409, message: 'Not every party the adoption rule needs has approved this version.' },
  /** Adoption or approval: the approvals (or the version the request names) are of an earlier version; details name them. */
  approvalsStale: { status: 409, message: 'The text or what the parties sign for has changed since it was approved.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ErrorCodes;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/**
 * WebSocket close codes for /collab/<documentId>. 4000-4999 is the range
 * RFC 6455 leaves to applications; 1008/1009 are the standard ones.
 * A client that receives a 44xx code must not reconnect on its own.
 */
export const CloseCodes = {
  /** Frame larger than the server accepts (standard code). */
  messageTooBig: { code: 1009, reason: 'frame too large' },
  /** Policy violation (standard code): used for rate limits. */
  rateLimited: { code: 1008, reason: 'message rate exceeded' },
  unknownMessageType: { code: 4400, reason: 'unknown message type' },
  malformedMessage: { code: 4401, reason: 'malformed message' },
  invalidUpdate: { code: 4402, reason: 'update cannot be decoded' },
  documentTooLarge: { code: 4413, reason: 'document size limit reached' },
  unauthenticated: { code: 4411, reason: 'not authenticated' },
  forbidden: { code: 4403, reason: 'permission denied' },
  notFound: { code: 4404, reason: 'document not found' },
  accessRevoked: { code: 4405, reason: 'access revoked' },
  serverShutdown: { code: 1012, reason: 'server restarting' },
  /** The server could not store an update (database down): reconnect and resend. */
  internalError: { code: 1011, reason: 'server error' },
  /** The client stopped reading and the server's send buffer for it filled up. */
  backpressure: { code: 1013, reason: 'client not keeping up' },
  /** The session behind the connection ended: logout, a password change, or the user was disabled. */
  sessionEnded: { code: 4406, reason: 'session ended' },
  /** The user (or the address) already holds as many sockets as the server allows. */
  tooManyConnections: { code: 4429, reason: 'too many connections' },
  /**
   * The agreement was adopted (or is otherwise frozen): the update was not stored. The same
   * code as `forbidden`, which a client already treats as final; the reason tells the two apart.
   */
  documentFrozen: { code: 4403, reason: 'the agreement is adopted and its text locked' },
  /** The update inserts something the editor's schema does not allow; the reason names it. */
  schemaViolation: { code: 4422, reason: 'update does not fit the document schema' },
} as const;

export type CloseCodeName = keyof typeof CloseCodes;

/** 44xx: the server ended the connection for good; reconnecting would be refused the same way (y-websocket ≥ 3.1 agrees). */
export function isFinalClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}
