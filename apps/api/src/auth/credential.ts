import type { Actor } from '../request-context/request-context';

/**
 * What a request's Authorization header proved. Authentication only finds this out; the access guard decides, per
 * route, what follows (a public route ignores it, any other answers 401 or 403 unless it is a caller whose role may).
 */
export type Credential =
  /** No Authorization header. */
  | { kind: 'none' }
  /** A credential that proves nothing: malformed, unknown, wrong secret or signature, expired, revoked. */
  | { kind: 'rejected'; detail: string }
  /**
   * What would decide cannot be read just now (the identity provider's keys, or the access stream while the event
   * store is down), so the credential can be neither accepted nor refused: 503, retry.
   */
  | { kind: 'unavailable'; code: 'IDENTITY_PROVIDER_UNAVAILABLE' | 'EVENT_STORE_UNAVAILABLE'; detail: string }
  /** A valid credential that carries no role this API knows (an OIDC token without one). */
  | { kind: 'roleless'; subject: string; tracker: string; detail: string }
  /** A valid credential. `tracker` keys its rate limit: one budget per API token or per OIDC subject. */
  | { kind: 'caller'; actor: Actor; tracker: string; via: 'api-token' | 'oidc' };
