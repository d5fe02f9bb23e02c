import { ACTOR_ID_PATTERN } from '@app/domain';
import { Problem } from '../problems/problem';
import type { Actor, RequestContext } from './request-context';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** The actor of a request without valid credentials; see RequestContext.actor. */
export const ANONYMOUS_ACTOR: Actor = Object.freeze({ id: 'anonymous', role: 'viewer' });

/**
 * Builds the request context from the authenticated actor and the headers; a malformed header is the caller's error
 * (400 naming the header). Who acts comes from the credential only: the X-Actor headers of old are not read.
 */
export function requestContextFromHeaders(requestId: string, headers: Headers, actor: Actor): RequestContext {
  const correlationId = token(headers, 'x-correlation-id') ?? requestId;
  return { requestId, correlationId, actor };
}

function token(headers: Headers, name: string): string | undefined {
  const value = single(headers, name);
  if (value === undefined) return undefined;
  if (!ACTOR_ID_PATTERN.test(value)) {
    throw Problem.badRequest(`header ${displayName(name)} must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ - / + =`, displayName(name));
  }
  return value;
}

/** A header's one value; repeated headers are refused rather than guessed between. */
export function single(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  if (Array.isArray(value)) throw Problem.badRequest(`header ${displayName(name)} must be given once`, displayName(name));
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function displayName(header: string): string {
  return header.replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => dash + letter.toUpperCase());
}
