import { Logger } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { highestRole } from '@app/domain';
import type { OidcConfig } from '../config/app-config';
import type { Credential } from './credential';

// Signatures by the issuer's public keys only: a JWKS of public keys cannot verify HMAC tokens anyway, and naming
// the algorithms keeps `none` and key-confusion tricks out (RFC 8725 §3.1, §3.2).
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const MAX_SUBJECT_LENGTH = 255;
const CLOCK_TOLERANCE_SECONDS = 30;

/** The identity provider's keys cannot be had just now: nothing can be said about the token either way. */
export class IdentityProviderUnavailableError extends Error {
  override readonly name = 'IdentityProviderUnavailableError';
}

/**
 * Verifies OIDC access tokens (JWTs) with `jose` against the issuer's JWKS: signature, `iss`, `aud`, `exp`/`nbf`.
 * The caller is `sub`; the role is the highest known one among the values of the roles claim. The JWKS address comes
 * from configuration or, failing that, from the issuer's discovery document (OpenID Connect Discovery 1.0 §4),
 * fetched on first use so that an identity provider that is down does not stop the API from starting.
 */
export class OidcVerifier {
  private readonly logger = new Logger('Oidc');
  private keys?: Promise<JWTVerifyGetKey>;

  constructor(private readonly config: OidcConfig) {}

  async verify(jwt: string): Promise<Credential> {
    let keys: JWTVerifyGetKey;
    try {
      keys = await this.keySet();
    } catch (error) {
      throw new IdentityProviderUnavailableError(`the identity provider's keys could not be fetched: ${messageOf(error)}`);
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(jwt, keys, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      return { kind: 'rejected', detail: rejection(error) };
    }
    const subject = payload.sub!;
    if (subject.length > MAX_SUBJECT_LENGTH || [...subject].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f)) {
      return { kind: 'rejected', detail: `the token's sub must be at most ${MAX_SUBJECT_LENGTH} printable characters` };
    }
    const claim = claimAt(payload, this.config.rolesClaim);
    const values = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(' ') : [];
    const role = highestRole(values);
    const tracker = `oidc:${subject}`;
    if (role === undefined) {
      return { kind: 'roleless', subject, tracker, detail: `the token of ${subject} names no role of viewer, editor, auditor, admin in its ${this.config.rolesClaim} claim` };
    }
    return { kind: 'caller', actor: { id: subject, role }, tracker, via: 'oidc' };
  }

  private keySet(): Promise<JWTVerifyGetKey> {
    this.keys ??= this.locateKeys().catch((error: unknown) => {
      // Not cached: the next request asks again.
      this.keys = undefined;
      throw error;
    });
    return this.keys;
  }

  private async locateKeys(): Promise<JWTVerifyGetKey> {
    const jwksUrl = this.config.jwksUrl ?? (await this.discoverJwksUrl());
    this.logger.log(`verifying bearer JWTs of ${this.config.issuer} with the keys at ${jwksUrl}`);
    return createRemoteJWKSet(new URL(jwksUrl));
  }

  private async discoverJwksUrl(): Promise<string> {
    const url = `${this.config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
    // Discovery §4.3: the document must name the very issuer it was fetched for.
    if (document.issuer !== this.config.issuer) throw new Error(`${url} names issuer ${String(document.issuer)}, not ${this.config.issuer}`);
    if (typeof document.jwks_uri !== 'string') throw new Error(`${url} has no jwks_uri`);
    return document.jwks_uri;
  }
}

function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const name of path.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
  return value;
}

/** Why a JWT proves nothing, in words a caller can act on; a JWKS that cannot be fetched is not the token's fault. */
function rejection(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted (${error.reason}): ${error.message}`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return "the token's signature does not verify";
  if (error instanceof errors.JWKSNoMatchingKey) return "the token is signed with a key the issuer's key set does not hold";
  if (error instanceof errors.JOSEAlgNotAllowed) return "the token's signature algorithm is not accepted";
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || !(error instanceof errors.JOSEError) || error.code === 'ERR_JOSE_GENERIC') {
    throw new IdentityProviderUnavailableError(`the identity provider's keys could not be fetched: ${messageOf(error)}`);
  }
  return `the token is not a valid JWT: ${error.message}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
