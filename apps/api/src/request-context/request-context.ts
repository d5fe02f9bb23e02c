import { AsyncLocalStorage } from 'node:async_hooks';
import { ACCESS_ROLES, type AccessRole } from '@app/domain';

/** Who asks, as their credential proves it (an API token's subject, an OIDC token's `sub`), and in which role. */
export interface Actor {
  id: string;
  role: ActorRole;
}

export const ACTOR_ROLES = ACCESS_ROLES;
export type ActorRole = AccessRole;

/** What every log line and every event written while serving one request carries. */
export interface RequestContext {
  /** Ours, one per HTTP request, returned as X-Request-Id. */
  requestId: string;
  /** The caller's X-Correlation-Id, to follow one piece of work across requests and systems; else the request id. */
  correlationId: string;
  /**
   * The authenticated caller. A request without valid credentials carries ANONYMOUS_ACTOR: only public routes
   * (which write nothing) ever run with it, because the access guard refuses every other route first.
   */
  actor: Actor;
}

/**
 * The context of the request being served, for code that has no request at hand (the logger). Entered by the
 * establishRequestContext hook around each route handler.
 */
export const requestContextStorage = new AsyncLocalStorage<RequestContext>();
