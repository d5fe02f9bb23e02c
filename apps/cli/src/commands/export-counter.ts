import { formatBytes, formatCount } from '@app/terminal';

const QUOTE = 0x22;
const LINE_FEED = 0x0a;

/**
 * Counts what an export has streamed so far: bytes, and rows. NDJSON has one row per line; a CSV row ends at a line
 * break outside quotes (RFC 4180 fields may hold line breaks), and the first is the header. Byte-wise, which UTF-8
 * allows: no byte of a multi-byte character is a quote or a line feed.
 */
export class ExportCounter {
  bytes = 0;
  private lines = 0;
  private quoted = false;

  constructor(private readonly format: 'csv' | 'ndjson') {}

  add(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    for (const byte of chunk) {
      if (byte === QUOTE && this.format === 'csv') this.quoted = !this.quoted;
      else if (byte === LINE_FEED && !this.quoted) this.lines += 1;
    }
  }

  get rows(): number {
    return this.format === 'csv' ? Math.max(0, this.lines - 1) : this.lines;
  }

  /** `1,234 rows, 3.4 MB` */
  describe(): string {
    return `${formatCount(this.rows)} row${this.rows === 1 ? '' : 's'}, ${formatBytes(this.bytes)}`;
  }
}
