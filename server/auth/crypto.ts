import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

// OWASP's scrypt setting N=2^15, r=8, p=3 (32 MiB). Encoded with its parameters so they can rise later.
const params = { N: 2 ** 15, r: 8, p: 3, maxmem: 128 * 1024 * 1024 };
const keyLength = 32;

/** `cost` lowers the work factor: for test fixtures only, never for a real account. */
export async function hashPassword(password: string, cost: Partial<typeof params> = {}): Promise<string> {
  const p = { ...params, ...cost };
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize('NFKC'), salt, keyLength, p);
  return `scrypt$${p.N}$${p.r}$${p.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, encoded: string | null): Promise<boolean> {
  // Hash even without a stored hash so timing does not tell which accounts exist.
  const parts = (encoded ?? dummyHash).split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, keyB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(keyB64, 'base64');
  const key = await scryptAsync(password.normalize('NFKC'), Buffer.from(saltB64, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: params.maxmem,
  });
  return encoded !== null && timingSafeEqual(key, expected);
}

const dummyHash = `scrypt$${params.N}$${params.r}$${params.p}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;

/** A random token for a cookie or a link; only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
