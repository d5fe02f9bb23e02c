import type { RebuildProgress } from '@app/projections';
import type { StderrWriter } from './stderr-writer';

const BAR_WIDTH = 10;

/** `timeline [#####-----] 52% 412,000 events 31,250 ev/s ETA 14s`, and the phase once reading is done. */
export function formatRebuildProgress(name: string, progress: RebuildProgress): string {
  const fraction = Math.min(1, Math.max(0, progress.fraction));
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  const tail = progress.phase === 'reading' ? `ETA ${formatDuration(progress.etaSeconds)}` : progress.phase;
  return `${name} ${bar} ${Math.floor(fraction * 100)}% ${formatCount(progress.eventsApplied)} events ${formatCount(progress.eventsPerSecond)} ev/s ${tail}`;
}

/** `timeline rebuilt: 412,000 events in 13.2 s (31,250 events/s)` */
export function formatRebuildSummary(name: string, events: number, seconds: number): string {
  const rate = seconds > 0 ? Math.round(events / seconds) : events;
  return `${name} rebuilt: ${formatCount(events)} events in ${seconds.toFixed(1)} s (${formatCount(rate)} events/s)`;
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '?';
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole}s`;
  if (whole < 3600) return `${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(whole / 3600)}h ${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')}m`;
}

function formatCount(count: number): string {
  return Math.round(count).toLocaleString('en-US');
}

export interface ProgressBarTiming {
  /** Least time between two redraws on a terminal. */
  redrawMs: number;
  /** Least time between two progress lines elsewhere (files, pipes, CI logs). */
  lineMs: number;
  now: () => number;
}

const DEFAULT_TIMING: ProgressBarTiming = { redrawMs: 100, lineMs: 5_000, now: () => Date.now() };

/**
 * Shows a rebuild's progress: on a terminal, one line redrawn in place; elsewhere, a line every few seconds and at
 * each change of phase, so a CI log shows that it moves without filling up.
 */
export class RebuildProgressBar {
  private lastShownMs = -Infinity;
  private lastPhase?: RebuildProgress['phase'];
  private readonly timing: ProgressBarTiming;

  constructor(
    private readonly name: string,
    private readonly writer: StderrWriter,
    timing: Partial<ProgressBarTiming> = {},
  ) {
    this.timing = { ...DEFAULT_TIMING, ...timing };
  }

  update(progress: RebuildProgress): void {
    const now = this.timing.now();
    const phaseChanged = progress.phase !== this.lastPhase;
    const interval = this.writer.interactive ? this.timing.redrawMs : this.timing.lineMs;
    if (!phaseChanged && now - this.lastShownMs < interval) return;
    this.show(progress);
    this.lastShownMs = now;
    this.lastPhase = progress.phase;
  }

  /** Shows the last progress (unless it is on screen already) and leaves the line. */
  finish(progress: RebuildProgress | undefined): void {
    if (progress && (progress.phase !== this.lastPhase || this.writer.interactive)) this.show(progress);
    this.writer.endStatus();
  }

  private show(progress: RebuildProgress): void {
    const text = formatRebuildProgress(this.name, progress);
    if (this.writer.interactive) this.writer.drawStatus(text);
    else this.writer.line(text);
  }
}
