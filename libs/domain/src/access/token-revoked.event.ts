import { DomainEvent } from '../shared/message';

export const TOKEN_REVOKED = 'TokenRevoked';

/** An API token is refused from now on. Who revoked it and why travel in the metadata. */
export interface TokenRevokedData {
  readonly tokenId: string;
}

export type TokenRevoked = DomainEvent<typeof TOKEN_REVOKED, TokenRevokedData>;
