import { Problem } from '../problems/problem';
import { ACTOR_ROLES, type ActorRole, type RequestContext } from './request-context';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

// Ids travel into logs, event metadata and other systems: printable, no spaces, bounded.
const TOKEN_PATTERN = /^[A-Za-z0-9._:@\-/+=]{1,128}$/;

export const ANONYMOUS_ACTOR = 'anonymous';

/** Builds the request context from its headers; a malformed header is the caller's error (400 naming the header). */
export function requestContextFromHeaders(requestId: string, headers: Headers): RequestContext {
  const correlationId = token(headers, 'x-correlation-id') ?? requestId;
  const actorId = token(headers, 'x-actor') ?? ANONYMOUS_ACTOR;
  const role = single(headers, 'x-actor-role') ?? 'editor';
  if (!(ACTOR_ROLES as readonly string[]).includes(role)) {
    throw Problem.badRequest(`header X-Actor-Role must be one of ${ACTOR_ROLES.join(', ')}`, 'X-Actor-Role');
  }
  return { requestId, correlationId, actor: { id: actorId, role: role as ActorRole } };
}

function token(headers: Headers, name: string): string | undefined {
  const value = single(headers, name);
  if (value === undefined) return undefined;
  if (!TOKEN_PATTERN.test(value)) {
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
