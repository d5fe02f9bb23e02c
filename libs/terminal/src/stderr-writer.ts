/**
 * The one writer of stderr: log lines scroll, and on a terminal one status line (a progress bar) stays at the
 * bottom, redrawn in place; a log line written meanwhile clears it, and it is drawn again below.
 */
export class StderrWriter {
  private status?: string;

  constructor(private readonly stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY'> = process.stderr) {}

  /** A terminal, where a line can be redrawn with \r; not when stderr goes to a file, a pipe or CI. */
  get interactive(): boolean {
    return this.stream.isTTY === true;
  }

  line(text: string): void {
    const redraw = this.status !== undefined && this.interactive;
    this.stream.write(`${redraw ? '\r\x1b[K' : ''}${text}\n${redraw ? this.status : ''}`);
  }

  /** Draws (or redraws) the status line; on a terminal only, elsewhere it would pile up: write lines instead. */
  drawStatus(text: string): void {
    this.status = text;
    this.stream.write(`\r${text}\x1b[K`);
  }

  /** Leaves the status line as it last was, and goes on below it. */
  endStatus(): void {
    if (this.status === undefined) return;
    this.status = undefined;
    this.stream.write('\n');
  }
}
