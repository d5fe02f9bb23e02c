import { ACTOR_ID_PATTERN } from '../shared/actor-id';
import { DomainError } from '../shared/domain-error';
import { Decider } from '../shared/decider';
import { requireOneOf } from '../shared/text-field';
import { ACCESS_GRANTED, AccessGranted } from './access-granted.event';
import { ACCESS_ROLES } from './access-role';
import { GRANT_FIRST_ACCESS, GrantAccess, GrantAccessData, GrantFirstAccess } from './grant-access.command';
import { RevokeToken } from './revoke-token.command';
import { TOKEN_REVOKED, TokenRevoked } from './token-revoked.event';

export type AccessCommand = GrantAccess | GrantFirstAccess | RevokeToken;
export type AccessEvent = AccessGranted | TokenRevoked;

/** The tokens ever issued, by id, and whether each was revoked: all a decision about access needs. */
export interface AccessState {
  readonly tokens: ReadonlyMap<string, { readonly revoked: boolean }>;
}

export const initialAccessState = (): AccessState => ({ tokens: new Map() });

const TOKEN_ID_PATTERN = /^[0-9a-f]{16,64}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function decideAccess(command: AccessCommand, state: AccessState): AccessEvent[] {
  switch (command.type) {
    case GRANT_FIRST_ACCESS:
      if (state.tokens.size > 0) throw new DomainError('ACCESS_ALREADY_GRANTED', 'access was already granted in this deployment', 'tokenId');
      return [grant(command.data, state)];
    case 'GrantAccess':
      return [grant(command.data, state)];
    case 'RevokeToken': {
      const { tokenId } = command.data;
      const token = state.tokens.get(tokenId);
      if (token === undefined) throw new DomainError('TOKEN_NOT_FOUND', `no token ${tokenId}`, 'id');
      if (token.revoked) throw new DomainError('TOKEN_ALREADY_REVOKED', `token ${tokenId} is already revoked`, 'id');
      return [{ type: TOKEN_REVOKED, data: { tokenId } }];
    }
  }
}

function grant(data: GrantAccessData, state: AccessState): AccessGranted {
  const { tokenId, subject, role, secretSha256, expiresAt, issuedAt } = data;
  if (typeof tokenId !== 'string' || !TOKEN_ID_PATTERN.test(tokenId)) throw new DomainError('INVALID_FIELD', 'tokenId must be 16 to 64 lower-case hex digits', 'tokenId');
  if (state.tokens.has(tokenId)) throw new DomainError('TOKEN_ALREADY_EXISTS', `token ${tokenId} was already issued`, 'tokenId');
  if (typeof subject !== 'string' || !ACTOR_ID_PATTERN.test(subject)) {
    throw new DomainError('INVALID_FIELD', 'subject must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ - / + =', 'subject');
  }
  requireOneOf(role, ACCESS_ROLES, 'role');
  if (typeof secretSha256 !== 'string' || !SHA256_HEX.test(secretSha256)) throw new DomainError('INVALID_FIELD', 'secretSha256 must be 64 lower-case hex digits', 'secretSha256');
  if (expiresAt !== undefined) {
    const expiry = typeof expiresAt === 'string' && ISO_TIMESTAMP.test(expiresAt) ? Date.parse(expiresAt) : NaN;
    if (Number.isNaN(expiry)) throw new DomainError('INVALID_FIELD', 'expiresAt must be an ISO 8601 timestamp with a time zone', 'expiresAt');
    if (!(expiry > Date.parse(issuedAt))) throw new DomainError('INVALID_FIELD', `expiresAt must lie after now (${issuedAt})`, 'expiresAt');
  }
  return { type: ACCESS_GRANTED, data: { tokenId, subject, role, secretSha256, ...(expiresAt === undefined ? {} : { expiresAt }) } };
}

export function evolveAccess(state: AccessState, event: AccessEvent): AccessState {
  const tokens = new Map(state.tokens);
  if (event.type === ACCESS_GRANTED) tokens.set(event.data.tokenId, { revoked: false });
  else tokens.set(event.data.tokenId, { revoked: true });
  return { tokens };
}

export const accessDecider: Decider<AccessCommand, AccessEvent, AccessState> = {
  decide: decideAccess,
  evolve: evolveAccess,
  initialState: initialAccessState,
};
