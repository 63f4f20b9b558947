import type { CloseCodeName } from '../../../shared/errors.js';
import type { ClientErrorCode } from '../api/client.js';

/*
 * What each error code and each close code means to the person, in both languages.
 * Keyed by the codes of shared/errors.ts: a new code without a message fails the type check.
 */

export const genericSv = 'Något gick fel. Försök igen.';
export const genericEn = 'Something went wrong. Try again.';
export const closedOtherSv = 'Anslutningen stängdes av servern ({code}). Ladda om sidan för att försöka igen.';
export const closedOtherEn = 'The server closed the connection ({code}). Reload the page to try again.';

export const errorsSv: Record<ClientErrorCode, string> = {
  badRequest: genericSv,
  validation: 'Kontrollera de markerade fälten.',
  malformedJson: genericSv,
  unsupportedMediaType: genericSv,
  unauthenticated: 'Du är inte inloggad längre. Logga in igen.',
  invalidCredentials: 'Fel e-postadress eller lösenord.',
  csrf: 'Sessionen behöver förnyas. Ladda om sidan.',
  forbidden: 'Du har inte behörighet att göra det.',
  notFound: 'Hittades inte.',
  conflict: 'Ändringen krockar med något som redan finns.',
  invalidState: 'Det går inte i dokumentets nuvarande läge.',
  invitationExpired: 'Inbjudan har gått ut eller har redan använts. Be om en ny inbjudan.',
  invitationNeedsLogin: 'Adressen kan inte få ett nytt konto här. Har du redan ett konto, logga in och ta sedan emot inbjudan.',
  invitationForOtherAccount: 'Inbjudan gäller en annan e-postadress. Logga ut först.',
  approvalsMissing: 'Alla parter som behövs har inte godkänt den här versionen.',
  approvalsStale: 'Texten eller det parterna skriver under på har ändrats sedan godkännandet. Godkänn den nuvarande versionen.',
  payloadTooLarge: genericSv,
  rateLimited: 'För många försök. Vänta en stund och försök igen.',
  internal: genericSv,
  network: 'Ingen kontakt med servern. Kontrollera anslutningen och försök igen.',
};

export const errorsEn: Record<ClientErrorCode, string> = {
  badRequest: genericEn,
  validation: 'Check the marked fields.',
  malformedJson: genericEn,
  unsupportedMediaType: genericEn,
  unauthenticated: 'You are no longer logged in. Log in again.',
  invalidCredentials: 'Wrong e-mail address or password.',
  csrf: 'The session needs renewing. Reload the page.',
  forbidden: 'You may not do that.',
  notFound: 'Not found.',
  conflict: 'The change conflicts with something that already exists.',
  invalidState: 'That is not possible in the document’s current state.',
  invitationExpired: 'The invitation has expired or was already used. Ask for a new one.',
  invitationNeedsLogin: 'This address cannot get a new account here. If you already have one, log in, then accept the invitation.',
  invitationForOtherAccount: 'The invitation is for another e-mail address. Log out first.',
  approvalsMissing: 'Not every party the rule needs has approved this version.',
  approvalsStale: 'The text or what the parties sign for has changed since it was approved. Approve the current version.',
  payloadTooLarge: genericEn,
  rateLimited: 'Too many attempts. Wait a while and try again.',
  internal: genericEn,
  network: 'The server cannot be reached. Check the connection and try again.',
};

/** Why the server ended the live connection, by close-code name. */
export const closedSv: Record<CloseCodeName, string> = {
  messageTooBig: closedOtherSv,
  rateLimited: closedOtherSv,
  unknownMessageType: closedOtherSv,
  malformedMessage: closedOtherSv,
  invalidUpdate: closedOtherSv,
  documentTooLarge: 'Dokumentet har nått största tillåtna storlek.',
  unauthenticated: 'Du är inte inloggad längre. Logga in igen.',
  forbidden: 'Du har inte behörighet till dokumentet.',
  documentFrozen: 'Överenskommelsen har antagits och är låst. Det du skrev sist sparades inte, men syns kvar och kan kopieras.',
  notFound: 'Dokumentet finns inte längre.',
  accessRevoked: 'Din behörighet till dokumentet har tagits bort.',
  serverShutdown: closedOtherSv,
  internalError: closedOtherSv,
  backpressure: closedOtherSv,
  sessionEnded: 'Du har loggats ut. Logga in igen för att fortsätta.',
  tooManyConnections: 'Du har för många dokument öppna. Stäng några flikar och ladda om sidan.',
  schemaViolation: 'Servern tog inte emot en ändring som dokumentformatet inte tillåter. Ladda om sidan.',
};

export const closedEn: Record<CloseCodeName, string> = {
  messageTooBig: closedOtherEn,
  rateLimited: closedOtherEn,
  unknownMessageType: closedOtherEn,
  malformedMessage: closedOtherEn,
  invalidUpdate: closedOtherEn,
  documentTooLarge: 'The document has reached the largest allowed size.',
  unauthenticated: 'You are no longer logged in. Log in again.',
  forbidden: 'You do not have access to the document.',
  documentFrozen: 'The agreement has been adopted and is locked. What you typed last was not saved, but it stays on screen to copy.',
  notFound: 'The document no longer exists.',
  accessRevoked: 'Your access to the document was removed.',
  serverShutdown: closedOtherEn,
  internalError: closedOtherEn,
  backpressure: closedOtherEn,
  sessionEnded: 'You were logged out. Log in again to continue.',
  tooManyConnections: 'You have too many documents open. Close some tabs and reload the page.',
  schemaViolation: 'The server refused a change the document format does not allow. Reload the page.',
};
