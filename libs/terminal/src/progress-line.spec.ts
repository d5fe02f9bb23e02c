import { ProgressLine } from './progress-line';
import { StderrWriter } from './stderr-writer';

function capture(isTTY: boolean): { writer: StderrWriter; output: () => string } {
  let text = '';
  const writer = new StderrWriter({ isTTY, write: (chunk: string | Uint8Array) => ((text += String(chunk)), true) });
  return { writer, output: () => text };
}

describe('ProgressLine', () => {
  it('redraws in place on a terminal at most every redrawMs, and leaves the final line', () => {
    const { writer, output } = capture(true);
    let now = 0;
    const line = new ProgressLine(writer, { redrawMs: 100, now: () => now });
    line.update('1 row');
    now = 50;
    line.update('2 rows');
    now = 150;
    line.update('3 rows');
    line.finish('3 rows, done');
    expect(output()).toBe('\r1 row\x1b[K\r3 rows\x1b[K\r3 rows, done\x1b[K\n');
  });

  it('writes whole lines every lineMs elsewhere, and the final line unless it is the one just written', () => {
    const { writer, output } = capture(false);
    let now = 0;
    const line = new ProgressLine(writer, { lineMs: 5_000, now: () => now });
    for (now = 0; now <= 10_000; now += 2_500) line.update(`${now} bytes`);
    line.finish('10000 bytes');
    expect(output()).toBe('0 bytes\n5000 bytes\n10000 bytes\n');
  });

  it('shows a forced update at once', () => {
    const { writer, output } = capture(false);
    const line = new ProgressLine(writer, { lineMs: 5_000, now: () => 0 });
    line.update('reading');
    line.update('swapping', true);
    expect(output()).toBe('reading\nswapping\n');
  });

  it('stays silent when the work ends within quietMs', () => {
    const { writer, output } = capture(false);
    let now = 0;
    const line = new ProgressLine(writer, { quietMs: 1_000, now: () => now });
    line.update('page 1');
    now = 900;
    line.update('page 2');
    line.finish('2 pages');
    expect(output()).toBe('');
  });

  it('starts showing once the work has taken quietMs', () => {
    const { writer, output } = capture(false);
    let now = 0;
    const line = new ProgressLine(writer, { quietMs: 1_000, now: () => now });
    line.update('page 1');
    now = 1_000;
    line.update('page 9');
    line.finish('12 pages');
    expect(output()).toBe('page 9\n12 pages\n');
  });
});
