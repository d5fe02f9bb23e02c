import { RecordFlags } from '../storage/log-record';
import { PositionIndex } from './position-index';
import { StreamEntry } from './stream-entry';

/** The in-memory index over the log: each stream's revisions, and every record's position in `$all` order. */
export class StreamIndex {
  readonly streams = new Map<string, StreamEntry>();
  readonly all = new PositionIndex();

  get(streamId: string): StreamEntry | undefined {
    return this.streams.get(streamId);
  }

  add(streamId: string, flags: number, position: number): StreamEntry {
    let entry = this.streams.get(streamId);
    if (!entry) {
      entry = new StreamEntry(streamId);
      this.streams.set(streamId, entry);
    }
    if (flags & RecordFlags.Tombstone) entry.tombstonePosition = position;
    else entry.positions.push(position);
    this.all.push(position);
    return entry;
  }
}
