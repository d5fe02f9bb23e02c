import { AsyncLocalStorage } from 'node:async_hooks';

/** Who asks. Until authentication lands (issue 5) the caller names itself with X-Actor / X-Actor-Role. */
export interface Actor {
  id: string;
  role: ActorRole;
}

export const ACTOR_ROLES = ['viewer', 'editor', 'auditor', 'admin'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

/** What every log line and every event written while serving one request carries. */
export interface RequestContext {
  /** Ours, one per HTTP request, returned as X-Request-Id. */
  requestId: string;
  /** The caller's X-Correlation-Id, to follow one piece of work across requests and systems; else the request id. */
  correlationId: string;
  actor: Actor;
}

/**
 * The context of the request being served, for code that has no request at hand (the logger). Entered by
 * RequestContextInterceptor around each route handler.
 */
export const requestContextStorage = new AsyncLocalStorage<RequestContext>();
