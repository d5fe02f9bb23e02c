import { newApiToken, parseApiToken, secretMatches } from './api-token';

describe('API tokens', () => {
  it('are kt_<id>_<secret>, found by id and proven by the secret whose digest alone is kept', () => {
    const issued = newApiToken();
    expect(issued.token).toMatch(/^kt_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const parsed = parseApiToken(issued.token)!;
    expect(parsed.tokenId).toBe(issued.tokenId);
    expect(issued.token).not.toContain(issued.secretSha256);
    expect(secretMatches(parsed.secret, Buffer.from(issued.secretSha256, 'hex'))).toBe(true);
  });

  it('refuses a secret that differs by one character', () => {
    const issued = newApiToken();
    const { secret } = parseApiToken(issued.token)!;
    const altered = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    expect(secretMatches(altered, Buffer.from(issued.secretSha256, 'hex'))).toBe(false);
  });

  it.each([['kt_'], ['kt_0123_abc'], ['Bearer kt_x'], [`kt_${'0'.repeat(16)}_${'a'.repeat(42)}`], [`kt_${'G'.repeat(16)}_${'a'.repeat(43)}`]])(
    'does not parse %p',
    (text) => {
      expect(parseApiToken(text)).toBeUndefined();
    },
  );
});
