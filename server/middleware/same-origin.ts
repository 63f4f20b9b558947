import type { Context } from 'hono';

/*
 * Cross-site WebSocket hijacking: a page elsewhere opening one of the hub's sockets would ride
 * on the browser's session cookie, and WebSocket upgrades are not covered by CORS. Browsers
 * always send Origin with an upgrade; it must be the hub's own (the Host the request came to,
 * or OVERENS_PUBLIC_URL behind a proxy). No Origin: not a browser, so no ambient cookie to abuse.
 */
export function fromOwnPage(c: Context, publicUrl: string | null): boolean {
  const origin = c.req.header('origin');
  if (origin === undefined) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  const requestHost = c.req.header('host')?.toLowerCase();
  if (requestHost !== undefined && host === requestHost) return true;
  return publicUrl !== null && new URL(publicUrl).host === host;
}
