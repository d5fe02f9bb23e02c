import { deciderSpecification } from '../testing/decider-specification';
import { AccessGranted } from './access-granted.event';
import { highestRole } from './access-role';
import { accessDecider } from './access.aggregate';
import { GrantAccessData } from './grant-access.command';

const spec = deciderSpecification(accessDecider);
const ISSUED_AT = '2026-11-28T10:00:00.000Z';
const request: GrantAccessData = { tokenId: '0123456789abcdef', subject: 'anna.schmidt', role: 'editor', secretSha256: 'a'.repeat(64), issuedAt: ISSUED_AT };
const granted: AccessGranted = {
  type: 'AccessGranted',
  data: { tokenId: '0123456789abcdef', subject: 'anna.schmidt', role: 'editor', secretSha256: 'a'.repeat(64) },
};

describe('GrantAccess', () => {
  it('grants a role to a subject, keeping only the digest of the secret', () => {
    spec.given([]).when({ type: 'GrantAccess', data: request }).then([granted]);
  });

  it('keeps an expiry that lies after the moment of issue', () => {
    const expiresAt = '2026-12-31T00:00:00Z';
    spec.given([]).when({ type: 'GrantAccess', data: { ...request, expiresAt } }).then([{ ...granted, data: { ...granted.data, expiresAt } }]);
  });

  it.each([
    ['an unknown role', { role: 'king' }, 'role'],
    ['a subject with spaces', { subject: 'anna schmidt' }, 'subject'],
    ['an empty subject', { subject: '' }, 'subject'],
    ['an expiry in the past', { expiresAt: '2026-11-28T09:59:59Z' }, 'expiresAt'],
    ['an expiry without a time zone', { expiresAt: '2026-12-31T00:00:00' }, 'expiresAt'],
    ['a malformed token id', { tokenId: 'XYZ' }, 'tokenId'],
  ])('rejects %s', (_case, change, field) => {
    spec.given([]).when({ type: 'GrantAccess', data: { ...request, ...change } as GrantAccessData }).thenThrows('INVALID_FIELD', field);
  });

  it('refuses to issue a token id twice', () => {
    spec.given([granted]).when({ type: 'GrantAccess', data: request }).thenThrows('TOKEN_ALREADY_EXISTS', 'tokenId');
  });
});

describe('GrantFirstAccess', () => {
  it('grants the first access of a deployment', () => {
    spec.given([]).when({ type: 'GrantFirstAccess', data: request }).then([granted]);
  });

  it('is refused once any access was granted, so two replicas starting together bootstrap once', () => {
    spec.given([granted]).when({ type: 'GrantFirstAccess', data: { ...request, tokenId: 'fedcba9876543210' } }).thenThrows('ACCESS_ALREADY_GRANTED');
  });
});

describe('RevokeToken', () => {
  it('revokes an issued token', () => {
    spec.given([granted]).when({ type: 'RevokeToken', data: { tokenId: granted.data.tokenId } }).then([{ type: 'TokenRevoked', data: { tokenId: granted.data.tokenId } }]);
  });

  it('refuses an unknown token', () => {
    spec.given([]).when({ type: 'RevokeToken', data: { tokenId: 'fedcba9876543210' } }).thenThrows('TOKEN_NOT_FOUND', 'id');
  });

  it('refuses to revoke twice', () => {
    spec
      .given([granted, { type: 'TokenRevoked', data: { tokenId: granted.data.tokenId } }])
      .when({ type: 'RevokeToken', data: { tokenId: granted.data.tokenId } })
      .thenThrows('TOKEN_ALREADY_REVOKED', 'id');
  });
});

describe('highestRole', () => {
  it('picks the highest known role and ignores the rest', () => {
    expect(highestRole(['viewer', 'staff', 'auditor', 'editor'])).toBe('auditor');
    expect(highestRole(['staff', 42])).toBeUndefined();
  });
});
