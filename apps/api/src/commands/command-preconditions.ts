import { createHash } from 'node:crypto';
import { Problem } from '../problems/problem';
import { single } from '../request-context/request-context-headers';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

// RFC 9110 entity tags as we issue them: "<version>", optionally weak (W/) when a proxy rewrote them.
const ENTITY_TAG = /^(?:W\/)?"(\d{1,15})"$|^(\d{1,15})$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** The version named by If-Match, if any. `*` only asks that the entity exists, which every command checks anyway. */
export function expectedVersionFrom(headers: Headers): number | undefined {
  const value = single(headers, 'if-match');
  if (value === undefined || value === '*') return undefined;
  const match = ENTITY_TAG.exec(value);
  if (!match) throw Problem.badRequest('header If-Match must be one entity tag as returned in ETag, e.g. "3"', 'If-Match');
  return Number(match[1] ?? match[2]);
}

export function idempotencyKeyFrom(headers: Headers): string | undefined {
  const value = single(headers, 'idempotency-key');
  if (value === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(value)) {
    throw Problem.badRequest('header Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good choice)', 'Idempotency-Key');
  }
  return value;
}

/** Equal for the same method, path and JSON body, key order aside. */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${url}\n`).update(canonicalJson(body)).digest('base64url');
}

export function entityTag(version: number): string {
  return `"${version}"`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
