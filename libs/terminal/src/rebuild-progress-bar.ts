import type { RebuildProgress } from '@app/projections';
import type { StderrWriter } from './stderr-writer';
import { ProgressLine, type ProgressTiming } from './progress-line';
import { formatBar, formatCount, formatDuration } from './progress-text';

/** `timeline [#####-----] 52% 412,000 events 31,250 ev/s ETA 14s`, and the phase once reading is done. */
export function formatRebuildProgress(name: string, progress: RebuildProgress): string {
  const tail = progress.phase === 'reading' ? `ETA ${formatDuration(progress.etaSeconds)}` : progress.phase;
  return `${name} ${formatBar(progress.fraction)} ${formatCount(progress.eventsApplied)} events ${formatCount(progress.eventsPerSecond)} ev/s ${tail}`;
}

/** `timeline rebuilt: 412,000 events in 13.2 s (31,250 events/s)` */
export function formatRebuildSummary(name: string, events: number, seconds: number): string {
  const rate = seconds > 0 ? Math.round(events / seconds) : events;
  return `${name} rebuilt: ${formatCount(events)} events in ${seconds.toFixed(1)} s (${formatCount(rate)} events/s)`;
}

/**
 * Shows a rebuild's progress: on a terminal, one line redrawn in place; elsewhere, a line every few seconds and at
 * each change of phase, so a CI log shows that it moves without filling up.
 */
export class RebuildProgressBar {
  private lastPhase?: RebuildProgress['phase'];
  private readonly line: ProgressLine;

  constructor(
    private readonly name: string,
    writer: StderrWriter,
    timing: Partial<Omit<ProgressTiming, 'quietMs'>> = {},
  ) {
    this.line = new ProgressLine(writer, timing);
  }

  update(progress: RebuildProgress): void {
    this.line.update(formatRebuildProgress(this.name, progress), progress.phase !== this.lastPhase);
    this.lastPhase = progress.phase;
  }

  /** Shows the last progress (unless it is on screen already) and leaves the line. */
  finish(progress: RebuildProgress | undefined): void {
    this.line.finish(progress === undefined ? undefined : formatRebuildProgress(this.name, progress));
  }
}
