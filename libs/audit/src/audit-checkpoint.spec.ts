import { createHmac } from 'node:crypto';
import { InvalidCheckpointError, parseCheckpointToken, signCheckpoint, type AuditCheckpoint } from './audit-checkpoint';

const key = Buffer.from('test-key-of-at-least-thirty-two-characters', 'utf8');
const checkpoint: AuditCheckpoint = { position: { commit: '1200', prepare: '1200' }, events: 7, globalHead: 'a'.repeat(64), logDigest: 'b'.repeat(64) };

describe('checkpoint tokens', () => {
  it('signs a v2 token with the log digest, and reads it back', () => {
    const signed = signCheckpoint(checkpoint, key);
    expect(signed.token).toBe(`kontakt-audit:v2:1200:1200:7:${'a'.repeat(64)}:${'b'.repeat(64)}:${signed.signature}`);
    expect(parseCheckpointToken(signed.token, key)).toEqual(checkpoint);
  });

  it('signs and reads the empty log', () => {
    const empty = { position: null, events: 0, globalHead: null, logDigest: null };
    expect(parseCheckpointToken(signCheckpoint(empty, key).token, key)).toEqual(empty);
  });

  it('still reads a v1 token, signed before lanes, without a log digest', () => {
    const body = `kontakt-audit:v1:1200:1200:7:${'a'.repeat(64)}`;
    const token = `${body}:${createHmac('sha256', key).update(body, 'utf8').digest('hex')}`;
    expect(parseCheckpointToken(token, key)).toEqual({ position: { commit: '1200', prepare: '1200' }, events: 7, globalHead: 'a'.repeat(64) });
  });

  it('refuses a token whose log digest was changed, or signed with another key', () => {
    const { token } = signCheckpoint(checkpoint, key);
    expect(() => parseCheckpointToken(token.replace('b'.repeat(64), 'c'.repeat(64)), key)).toThrow(/signature does not match/);
    expect(() => parseCheckpointToken(token, Buffer.from('another-key-of-at-least-thirty-two-chars'))).toThrow(InvalidCheckpointError);
  });

  it('refuses what is not a token, and an inconsistent one', () => {
    expect(() => parseCheckpointToken('kontakt-audit:v3:1:1:1:x:y', key)).toThrow(/not a checkpoint token/);
    const inconsistent = signCheckpoint({ ...checkpoint, logDigest: null }, key).token;
    expect(() => parseCheckpointToken(inconsistent, key)).toThrow(/inconsistent/);
  });
});
