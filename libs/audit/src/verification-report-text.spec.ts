import type { VerificationReport } from './chain-verifier';
import { formatVerification } from './verification-report-text';

const AT = { position: { commit: '900', prepare: '900' }, streamId: 'cooperation-x', revision: '2', eventId: 'e-3' };

function report(fields: Partial<VerificationReport>): VerificationReport {
  return {
    intact: true,
    mode: 'full',
    events: 3,
    checked: 3,
    chained: 3,
    unchained: 0,
    firstUnchained: null,
    systemRecords: 0,
    streams: 1,
    lanes: 1,
    brokenLinks: 0,
    firstBreak: null,
    head: { position: AT.position, events: 3, globalHead: 'abc' },
    ...fields,
  };
}

describe('formatVerification', () => {
  it('says the chains are intact and gives the checkpoint line to publish', () => {
    const text = formatVerification({ report: report({}), checkpoint: { position: AT.position, events: 3, globalHead: 'abc', signature: 'sig', token: 'kontakt-audit:v1:900:900:3:abc:sig' } });
    expect(text.split('\n')[0]).toBe('Hash chains intact.');
    expect(text).toContain('\n  kontakt-audit:v1:900:900:3:abc:sig\n');
  });

  it('names the first broken link: kind, position, event, expected and found hashes', () => {
    const text = formatVerification({
      report: report({ intact: false, brokenLinks: 1, firstBreak: { ...AT, kind: 'content', type: 'MeetingHeld', expected: 'aaa', found: 'bbb', message: 'the event no longer hashes to its recorded hash' } }),
      checkpoint: null,
    });
    expect(text).toContain('HASH CHAIN BROKEN.');
    expect(text).toContain('First broken link (content) at position 900/900:');
    expect(text).toContain('  event           e-3 (MeetingHeld), cooperation-x revision 2');
    expect(text).toMatch(/expected\s+aaa\n\s+found\s+bbb/);
    expect(text).not.toContain('Checkpoint after');
  });
});
