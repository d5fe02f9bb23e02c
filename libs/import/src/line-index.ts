const LF = 0x0a;
const CR = 0x0d;

/**
 * The line a CSV record starts on, from the byte offset where the previous record ended. csv-parse reports where
 * each record ends (in bytes, delimiter included) but counts lines wrongly for CRLF files, so lines are counted here:
 * blank lines before the record are skipped, then the LFs before its first byte are counted. Offsets must be asked
 * for in increasing order (records come in file order), which keeps the count linear in the file's size.
 */
export class LineIndex {
  private counted = 0;
  private line = 1;

  constructor(private readonly bytes: Uint8Array) {}

  firstLineFrom(offset: number): number {
    let start = offset;
    while (start < this.bytes.length && (this.bytes[start] === LF || this.bytes[start] === CR)) start += 1;
    for (; this.counted < start; this.counted += 1) if (this.bytes[this.counted] === LF) this.line += 1;
    return this.line;
  }
}
