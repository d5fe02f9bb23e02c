import type { StderrWriter } from './stderr-writer';

export interface ProgressTiming {
  /** Least time between two redraws on a terminal. */
  redrawMs: number;
  /** Least time between two progress lines elsewhere (files, pipes, CI logs). */
  lineMs: number;
  /** Nothing is shown until the work has taken this long: quick work stays quiet. */
  quietMs: number;
  now: () => number;
}

const DEFAULT_TIMING: ProgressTiming = { redrawMs: 100, lineMs: 5_000, quietMs: 0, now: () => Date.now() };

/**
 * One line of progress on stderr: on a terminal, redrawn in place; elsewhere, a line every few seconds, so a CI log
 * shows that the work moves without filling up.
 */
export class ProgressLine {
  private readonly timing: ProgressTiming;
  private readonly startedMs: number;
  private lastShownMs = -Infinity;
  private shown?: string;

  constructor(
    private readonly writer: StderrWriter,
    timing: Partial<ProgressTiming> = {},
  ) {
    this.timing = { ...DEFAULT_TIMING, ...timing };
    this.startedMs = this.timing.now();
  }

  /** Shows `text`, unless a line was shown too recently; `force` shows it anyway (a new phase of the work). */
  update(text: string, force = false): void {
    const now = this.timing.now();
    if (now - this.startedMs < this.timing.quietMs) return;
    const interval = this.writer.interactive ? this.timing.redrawMs : this.timing.lineMs;
    if (!force && now - this.lastShownMs < interval) return;
    this.show(text);
    this.lastShownMs = now;
  }

  /**
   * Shows the final state (unless that very line was the last shown, or the work stayed quiet throughout) and leaves
   * the line, so what follows starts below it.
   */
  finish(text?: string): void {
    const quiet = this.shown === undefined && this.timing.quietMs > 0;
    if (text !== undefined && !quiet && (this.writer.interactive || text !== this.shown)) this.show(text);
    this.writer.endStatus();
  }

  private show(text: string): void {
    this.shown = text;
    if (this.writer.interactive) this.writer.drawStatus(text);
    else this.writer.line(text);
  }
}
