import type { RebuildProgress } from '@app/projections';
import { formatRebuildProgress, formatRebuildSummary, RebuildProgressBar } from './rebuild-progress-bar';
import { StderrWriter } from './stderr-writer';

function progress(fields: Partial<RebuildProgress>): RebuildProgress {
  return { phase: 'reading', eventsApplied: 0, eventsPerSecond: 0, fraction: 0, etaSeconds: null, startedAt: '2026-01-01T00:00:00.000Z', ...fields };
}

function capture(isTTY: boolean): { writer: StderrWriter; output: () => string } {
  let text = '';
  const writer = new StderrWriter({ isTTY, write: (chunk: string | Uint8Array) => ((text += String(chunk)), true) });
  return { writer, output: () => text };
}

describe('formatRebuildProgress', () => {
  it('shows a bar, the share read, events, rate and time left', () => {
    expect(formatRebuildProgress('timeline', progress({ fraction: 0.52, eventsApplied: 412_000, eventsPerSecond: 31_250, etaSeconds: 14 }))).toBe(
      'timeline [#####-----] 52% 412,000 events 31,250 ev/s ETA 14s',
    );
  });

  it('shows the phase instead of the time left once reading is done', () => {
    expect(formatRebuildProgress('status', progress({ phase: 'indexing', fraction: 1, eventsApplied: 10, eventsPerSecond: 5, etaSeconds: 0 }))).toBe('status [##########] 100% 10 events 5 ev/s indexing');
  });

  it('does not guess the time left before anything is read', () => {
    expect(formatRebuildProgress('graph', progress({}))).toBe('graph [----------] 0% 0 events 0 ev/s ETA ?');
  });
});

describe('formatRebuildSummary', () => {
  it('gives events, seconds and events per second', () => {
    expect(formatRebuildSummary('timeline', 412_000, 13.18)).toBe('timeline rebuilt: 412,000 events in 13.2 s (31,259 events/s)');
  });
});

describe('RebuildProgressBar', () => {
  it('redraws one line in place on a terminal, and leaves it when done', () => {
    const { writer, output } = capture(true);
    const bar = new RebuildProgressBar('timeline', writer, { redrawMs: 0 });
    bar.update(progress({ fraction: 0.5, eventsApplied: 5 }));
    bar.finish(progress({ phase: 'done', fraction: 1, eventsApplied: 10 }));
    expect(output()).toBe('\rtimeline [#####-----] 50% 5 events 0 ev/s ETA ?\x1b[K\rtimeline [##########] 100% 10 events 0 ev/s done\x1b[K\n');
  });

  it('writes a line every few seconds and at each new phase when stderr is not a terminal', () => {
    const { writer, output } = capture(false);
    let now = 0;
    const bar = new RebuildProgressBar('timeline', writer, { lineMs: 5_000, now: () => now });
    for (now = 0; now < 12_000; now += 1_000) bar.update(progress({ fraction: now / 12_000 }));
    bar.update(progress({ phase: 'swapping', fraction: 1 }));
    bar.finish(progress({ phase: 'swapping', fraction: 1 }));
    expect(output().split('\n').filter(Boolean)).toEqual([
      'timeline [----------] 0% 0 events 0 ev/s ETA ?',
      'timeline [####------] 41% 0 events 0 ev/s ETA ?',
      'timeline [########--] 83% 0 events 0 ev/s ETA ?',
      'timeline [##########] 100% 0 events 0 ev/s swapping',
    ]);
  });

  it('keeps log lines above the bar on a terminal', () => {
    const { writer, output } = capture(true);
    new RebuildProgressBar('timeline', writer, { redrawMs: 0 }).update(progress({}));
    writer.line('{"msg":"log"}');
    expect(output()).toBe('\rtimeline [----------] 0% 0 events 0 ev/s ETA ?\x1b[K\r\x1b[K{"msg":"log"}\ntimeline [----------] 0% 0 events 0 ev/s ETA ?');
  });
});
