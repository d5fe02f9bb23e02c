import { DomainEvent } from '../shared/message';
import type { AccessRole } from './access-role';

export const ACCESS_GRANTED = 'AccessGranted';

/**
 * An API token was issued: whoever presents it acts as `subject` with `role`. Only a digest of the token's secret is
 * kept (SHA-256 of 256 random bits: not reversible, and fast to check, which a slow password hash would only make
 * costlier without making it safer for a secret of that entropy). Who granted it and why travel in the metadata.
 */
export interface AccessGrantedData {
  readonly tokenId: string;
  readonly subject: string;
  readonly role: AccessRole;
  /** Hex SHA-256 of the token's secret part. */
  readonly secretSha256: string;
  /** ISO timestamp after which the token is refused; absent: until revoked. */
  readonly expiresAt?: string;
}

export type AccessGranted = DomainEvent<typeof ACCESS_GRANTED, AccessGrantedData>;
