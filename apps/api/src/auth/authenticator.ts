import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { Credential } from './credential';
import { isApiToken, parseApiToken, secretMatches } from './api-token';
import { IdentityProviderUnavailableError, OidcVerifier } from './oidc-verifier';
import { TokenTable } from './token-table';

// RFC 6750 §2.1: `Bearer` (case-insensitive scheme, RFC 9110 §11.1), one space, a b64token.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Finds out who a request comes from: an API token of ours (`kt_...`, looked up in the TokenTable, synchronously), or
 * an OIDC JWT when an issuer is configured. Decides nothing about access; the guard does, per route.
 */
@Injectable()
export class Authenticator {
  private readonly oidc?: OidcVerifier;

  constructor(
    private readonly table: TokenTable,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    if (config.access.oidc !== undefined) this.oidc = new OidcVerifier(config.access.oidc);
  }

  authenticate(authorization: string | undefined, now = Date.now()): Credential | Promise<Credential> {
    if (authorization === undefined || authorization.trim() === '') return { kind: 'none' };
    const match = BEARER.exec(authorization.trim());
    if (match === null) return { kind: 'rejected', detail: 'the Authorization header must be `Bearer <token>`' };
    const bearer = match[1];
    if (isApiToken(bearer)) return this.apiToken(bearer, now);
    if (this.oidc !== undefined && JWT_SHAPE.test(bearer)) return this.jwt(this.oidc, bearer);
    return { kind: 'rejected', detail: this.oidc === undefined ? 'the bearer token is not a valid API token' : 'the bearer token is neither an API token nor a JWT' };
  }

  private apiToken(bearer: string, now: number): Credential {
    const parsed = parseApiToken(bearer);
    const token = parsed && this.table.get(parsed.tokenId);
    if (token === undefined && !this.table.loaded) {
      return { kind: 'unavailable', code: 'EVENT_STORE_UNAVAILABLE', detail: 'the event store cannot be reached just now, so API tokens cannot be checked' };
    }
    // An unknown id and a wrong secret get the same answer: which token ids exist is nobody else's business.
    if (parsed === undefined || token === undefined || !secretMatches(parsed.secret, token.secretSha256)) {
      return { kind: 'rejected', detail: 'the bearer token is not a valid API token' };
    }
    if (token.revoked !== undefined) return { kind: 'rejected', detail: `API token ${token.tokenId} was revoked at ${token.revoked.at}` };
    if (token.expiresAtMs !== undefined && now >= token.expiresAtMs) return { kind: 'rejected', detail: `API token ${token.tokenId} expired at ${token.expiresAt}` };
    return { kind: 'caller', actor: { id: token.subject, role: token.role }, tracker: `token:${token.tokenId}`, via: 'api-token' };
  }

  private async jwt(oidc: OidcVerifier, bearer: string): Promise<Credential> {
    try {
      return await oidc.verify(bearer);
    } catch (error) {
      if (error instanceof IdentityProviderUnavailableError) return { kind: 'unavailable', code: 'IDENTITY_PROVIDER_UNAVAILABLE', detail: error.message };
      throw error;
    }
  }
}
