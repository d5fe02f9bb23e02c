import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The API's own bearer tokens: `kt_<tokenId>_<secret>`. The id (64 random bits, hex) finds the token without a scan
 * and may appear in lists and logs; the secret (256 random bits, base64url) proves possession and is never stored,
 * only its SHA-256. The prefix lets secret scanners recognise a leaked token.
 */
export const API_TOKEN_PREFIX = 'kt_';
export const TOKEN_ID_PATTERN = /^[0-9a-f]{16}$/;
const API_TOKEN_PATTERN = /^kt_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface NewApiToken {
  tokenId: string;
  /** The whole bearer token: shown to the caller once, then forgotten. */
  token: string;
  secretSha256: string;
}

export function newApiToken(): NewApiToken {
  const tokenId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { tokenId, token: `${API_TOKEN_PREFIX}${tokenId}_${secret}`, secretSha256: sha256Hex(secret) };
}

export function isApiToken(bearer: string): boolean {
  return bearer.startsWith(API_TOKEN_PREFIX);
}

/** The id and secret of a well-formed API token; undefined for anything else. */
export function parseApiToken(bearer: string): { tokenId: string; secret: string } | undefined {
  const match = API_TOKEN_PATTERN.exec(bearer);
  return match === null ? undefined : { tokenId: match[1], secret: match[2] };
}

/** Whether `secret` is the one whose digest was stored; constant-time, so timing tells nothing about the digest. */
export function secretMatches(secret: string, storedSha256: Buffer): boolean {
  const digest = createHash('sha256').update(secret).digest();
  return digest.length === storedSha256.length && timingSafeEqual(digest, storedSha256);
}

function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
