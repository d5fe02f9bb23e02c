import { createHash } from 'node:crypto';
import type { ProjectionDb } from '../engine/projection';
import { STATUS_KEYS, type StatusKeyRow } from './status.tables';

/**
 * The status projection's dictionary of count keys (`person:<id>`, `day:<dateKey>`, `meetings:<level>`, ...): each
 * key gets a small integer code the first time a version counts it, and the entry rows keep their count keys as these
 * codes (status_entries.counts, status_superseded.counts). A status `asOf` or `knownAt` a cut sums thousands of such
 * rows: a list of small numbers is about a fifth of the bytes of the keys, parses several times faster, and is summed
 * into an array instead of a hash map. Codes are given in `$all` order (as versions are folded), never reused or
 * changed, so a rebuild gives every key the code the live projection gave it. Each row also keeps a hash of the
 * whole dictionary up to it (`chain`), by which a reader that kept codes knows they are still those of the table.
 */
export class StatusKeyCodes {
  private readonly codes = new Map<string, number>();
  private unsaved: StatusKeyRow[] = [];
  private chain = '';

  async load(db: ProjectionDb): Promise<void> {
    this.clear();
    const rows = await keysFrom(db, 0);
    for (const row of rows) this.codes.set(row.key, Number(row.code));
    this.chain = rows.at(-1)?.chain ?? '';
  }

  clear(): void {
    this.codes.clear();
    this.unsaved = [];
    this.chain = '';
  }

  /** The key's code, given now if it has none. */
  codeOf(key: string): number {
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.codes.size;
      this.codes.set(key, code);
      this.chain = chained(this.chain, key);
      this.unsaved.push({ code, key, chain: this.chain });
    }
    return code;
  }

  /** The codes given since the last call, to be written in the batch's transaction. */
  takeUnsaved(): StatusKeyRow[] {
    const rows = this.unsaved;
    this.unsaved = [];
    return rows;
  }
}

/** The hash of a dictionary after `key` was added to one hashed `previous` (64 bits, hex). */
function chained(previous: string, key: string): string {
  return createHash('sha256').update(previous).update('\u0000').update(key).digest('hex').slice(0, 16);
}

/** What a reader kept of the dictionary: the keys by code, and the chain of the last one. */
export interface KnownKeys {
  keys: string[];
  chain: string;
}

/**
 * What readers kept of the dictionary, per database handle. Codes are only ever added, so one read of the codes
 * beyond those kept, which starts with the last kept (its chain must be the same), brings the keys up to date. A
 * dictionary made again with other codes (a rebuild from other events, tables emptied and refilled) has another
 * chain there, and is read again whole.
 */
const known = new WeakMap<ProjectionDb, KnownKeys>();

/**
 * The dictionary brought up to date (one range read, usually of one row). A cut starts this with its first reads, so
 * that on PostgreSQL it is not a round trip of its own after the sums.
 */
export async function keysOf(db: ProjectionDb): Promise<KnownKeys> {
  let kept = known.get(db) ?? { keys: [], chain: '' };
  let rows = await keysFrom(db, Math.max(0, kept.keys.length - 1));
  if (kept.keys.length > 0 && rows[0]?.chain !== kept.chain) {
    // Another dictionary than the one kept: read it whole.
    kept = { keys: [], chain: '' };
    rows = await keysFrom(db, 0);
  }
  if (rows.length > 1 || kept.keys.length === 0) {
    const keys = [...kept.keys];
    for (const row of rows) keys[Number(row.code)] = row.key;
    kept = { keys, chain: rows.at(-1)?.chain ?? '' };
    known.set(db, kept);
  }
  return kept;
}

/**
 * Count sums by code turned into sums by key, by the dictionary `keys` brought (keysOf, read alongside the sums). A
 * sum that holds a code beyond it, given by a batch written after the dictionary was read, has it read again.
 */
export async function decodeCounts(db: ProjectionDb, byCode: CodeSums, keys: Promise<KnownKeys>): Promise<Record<string, number>> {
  let kept = await keys;
  if (byCode.highestCode() >= kept.keys.length) kept = await keysOf(db);
  return decodeWith(kept, byCode);
}

function keysFrom(db: ProjectionDb, code: number): Promise<StatusKeyRow[]> {
  return db.selectFrom(STATUS_KEYS).select(['code', 'key', 'chain']).where('code', '>=', code).orderBy('code').execute() as Promise<StatusKeyRow[]>;
}

function decodeWith(kept: KnownKeys, byCode: CodeSums): Record<string, number> {
  const keys = kept.keys;
  const counts = Object.create(null) as Record<string, number>;
  byCode.forEach((code, count) => {
    const key = keys[code];
    if (key === undefined) throw new Error(`status count code ${code} is not in ${STATUS_KEYS}`);
    counts[key] = count;
  });
  return counts;
}

/**
 * Sums by code, in an array indexed by code: codes are small and dense, and adding up the rows' lists is most of the
 * work of a large region's cut (an array index is several times cheaper than a hash-map update).
 */
export class CodeSums {
  private sums = new Int32Array(4096);
  private highest = -1;

  /** Adds each code of one row's JSON list (`[12,3456,7]`) once. */
  addList(codes: string): void {
    for (const code of JSON.parse(codes) as number[]) {
      if (code >= this.sums.length) this.grow(code);
      this.sums[code] += 1;
      if (code > this.highest) this.highest = code;
    }
  }

  /** The highest code added, -1 for none. */
  highestCode(): number {
    return this.highest;
  }

  forEach(visit: (code: number, count: number) => void): void {
    for (let code = 0; code <= this.highest; code++) if (this.sums[code] !== 0) visit(code, this.sums[code]);
  }

  private grow(code: number): void {
    let size = this.sums.length * 2;
    while (size <= code) size *= 2;
    const sums = new Int32Array(size);
    sums.set(this.sums);
    this.sums = sums;
  }
}
