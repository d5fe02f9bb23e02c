import { Problem } from '../problems/problem';
import { expectedVersionFrom, idempotencyKeyFrom, requestFingerprint } from './command-preconditions';

describe('If-Match', () => {
  it.each([
    ['"3"', 3],
    ['W/"3"', 3],
    ['3', 3],
    ['"0"', 0],
  ])('reads %s as version %p', (header, version) => {
    expect(expectedVersionFrom({ 'if-match': header })).toBe(version);
  });

  it('asks for no version when absent or *', () => {
    expect(expectedVersionFrom({})).toBeUndefined();
    expect(expectedVersionFrom({ 'if-match': '*' })).toBeUndefined();
  });

  it.each([['"abc"'], ['"1", "2"'], ['-1'], ['"1.5"']])('refuses %s with a 400 naming If-Match', (header) => {
    expect(() => expectedVersionFrom({ 'if-match': header })).toThrow(expect.objectContaining({ status: 400, field: 'If-Match' }) as Problem);
  });
});

describe('Idempotency-Key', () => {
  it('accepts visible ASCII up to 255 characters', () => {
    expect(idempotencyKeyFrom({ 'idempotency-key': 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6' })).toBe('f81d4fae-7dec-11d0-a765-00a0c91e6bf6');
  });

  it.each([['x'.repeat(256)], ['with space'], ['ünïcode']])('refuses %p naming the header', (key) => {
    expect(() => idempotencyKeyFrom({ 'idempotency-key': key })).toThrow(expect.objectContaining({ field: 'Idempotency-Key' }) as Problem);
  });

  it('refuses a header given twice', () => {
    expect(() => idempotencyKeyFrom({ 'idempotency-key': ['a', 'b'] })).toThrow(/given once/);
  });
});

describe('requestFingerprint', () => {
  it('is the same for the same request whatever the key order', () => {
    expect(requestFingerprint('POST', '/regions', { name: 'Kazan', kind: 'city' })).toBe(requestFingerprint('POST', '/regions', { kind: 'city', name: 'Kazan' }));
  });

  it('differs when the body, path or method differ', () => {
    const base = requestFingerprint('POST', '/regions', { name: 'Kazan' });
    expect(requestFingerprint('POST', '/regions', { name: 'Kasan' })).not.toBe(base);
    expect(requestFingerprint('POST', '/fairs', { name: 'Kazan' })).not.toBe(base);
    expect(requestFingerprint('PUT', '/regions', { name: 'Kazan' })).not.toBe(base);
  });
});
