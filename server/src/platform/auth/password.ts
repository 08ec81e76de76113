import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.js';

// scrypt (RFC 7914) with N=2^15, r=8, p=1: ~100 ms and 32 MiB per hash on one core. The cost is
// stored with each hash; CADENCE_SCRYPT_LOG2N lowers it for the test suite only (vitest.config.ts).
const log2N = Number(process.env.CADENCE_SCRYPT_LOG2N ?? 15);
const params = { N: 2 ** log2N, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const keyLength = 32;

function derive(password: string, salt: Buffer, o: ScryptOptions & { N: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keyLength, o, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  // Without a stored hash, still spend the same time, so timing does not reveal which accounts exist.
  const parts = (stored ?? dummyHash).split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, key] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: params.maxmem,
  });
  return stored !== null && actual.length === expected.length && timingSafeEqual(actual, expected);
}

const dummyHash = `scrypt$${params.N}$${params.r}$${params.p}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(keyLength).toString('base64url')}`;

/** Password policy: a minimum length, letters and digits, and not the login itself. */
export function passwordProblem(
  password: string,
  minLength: number,
  logins: (string | null | undefined)[],
): boolean {
  if (password.length < minLength || password.length > 256) return true;
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return true;
  const lower = password.toLowerCase();
  return logins.some((l) => l && lower === l.toLowerCase());
}

/** A readable random password for the first admin when none was configured. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return `${out.slice(0, 12)}${(bytes[0]! % 10).toString()}`;
}

/** The refusal of a password that breaks the policy, on the field that carried it. */
export function weakPassword(min: number, path: string): AppError {
  return new AppError(
    422,
    'weak_password',
    { min },
    { errors: [{ path, code: 'weak_password', params: { min } }] },
  );
}
