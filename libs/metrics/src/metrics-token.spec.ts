import { bearerTokenMatches } from './metrics-token';

describe('bearerTokenMatches', () => {
  const token = 'scrape-token-of-a-decent-length';

  it('accepts exactly Bearer <token>, the scheme in any case', () => {
    expect(bearerTokenMatches(token, `Bearer ${token}`)).toBe(true);
    expect(bearerTokenMatches(token, `bearer ${token}`)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['another token', 'Bearer scrape-token-of-a-decent-lengtH'],
    ['a prefix of the token', 'Bearer scrape-token'],
    ['the token with more after it', `Bearer ${token}x`],
    ['another scheme', `Basic ${token}`],
    ['the bare token', token],
  ])('refuses %s', (_case, header) => {
    expect(bearerTokenMatches(token, header)).toBe(false);
  });
});
