import { Injectable } from '@nestjs/common';
import { ACCESS_GRANTED, type AccessEvent, type AccessRole } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';

/** One issued API token as the API knows it: everything but its secret, of which only the digest is kept. */
export interface IssuedToken {
  tokenId: string;
  subject: string;
  role: AccessRole;
  secretSha256: Buffer;
  /** ISO timestamp; absent: until revoked. */
  expiresAt?: string;
  expiresAtMs?: number;
  issuedAt: string;
  issuedBy: { id: string; role: string };
  reason?: string;
  revoked?: { at: string; by: { id: string; role: string }; reason?: string };
}

/**
 * The tokens issued so far, in memory, built from the access stream's events (AccessGranted, TokenRevoked) with the
 * metadata beside them (who issued or revoked, when, why). AccessStreamFollower keeps it current; every request's
 * API token is looked up here, so the lookup costs one Map access.
 */
@Injectable()
export class TokenTable {
  private readonly tokens = new Map<string, IssuedToken>();
  /** The access stream's revision to read from next. */
  nextRevision = 0n;
  /** False until the access stream was read once: an unknown token then means "cannot tell yet", not "invalid". */
  loaded = false;

  apply(recorded: RecordedEvent<AccessEvent>): void {
    if (recorded.revision < this.nextRevision) return;
    this.nextRevision = recorded.revision + 1n;
    const { event, metadata } = recorded;
    if (event.type === ACCESS_GRANTED) {
      const { tokenId, subject, role, secretSha256, expiresAt } = event.data;
      this.tokens.set(tokenId, {
        tokenId,
        subject,
        role,
        secretSha256: Buffer.from(secretSha256, 'hex'),
        ...(expiresAt === undefined ? {} : { expiresAt, expiresAtMs: Date.parse(expiresAt) }),
        issuedAt: metadata.recordedAt,
        issuedBy: metadata.actor,
        ...(metadata.reason === undefined ? {} : { reason: metadata.reason }),
      });
      return;
    }
    const token = this.tokens.get(event.data.tokenId);
    if (token === undefined) return;
    token.revoked = { at: metadata.recordedAt, by: metadata.actor, ...(metadata.reason === undefined ? {} : { reason: metadata.reason }) };
  }

  get(tokenId: string): IssuedToken | undefined {
    return this.tokens.get(tokenId);
  }

  /** In order of issue. */
  list(): IssuedToken[] {
    return [...this.tokens.values()];
  }

  get size(): number {
    return this.tokens.size;
  }
}
