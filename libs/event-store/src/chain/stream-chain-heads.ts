/**
 * The link digest of the last event of recently used streams, so chaining an append to its stream's previous event
 * costs no read. Least recently used streams are forgotten past `capacity`; a forgotten stream is read again.
 */
export class StreamChainHeads {
  private readonly heads = new Map<string, { revision: bigint; digest: string }>();

  constructor(private readonly capacity = 10_000) {}

  /** The digest of the stream's event at `revision`, if that is the last one remembered. */
  digestAt(streamName: string, revision: bigint): string | undefined {
    const head = this.heads.get(streamName);
    return head !== undefined && head.revision === revision ? head.digest : undefined;
  }

  remember(streamName: string, revision: bigint, digest: string): void {
    const known = this.heads.get(streamName);
    if (known !== undefined && known.revision > revision) return;
    this.heads.delete(streamName);
    this.heads.set(streamName, { revision, digest });
    if (this.heads.size > this.capacity) this.heads.delete(this.heads.keys().next().value as string);
  }

  forget(streamName: string): void {
    this.heads.delete(streamName);
  }
}
