/**
 * The stream metadata EventStoreDB honours on reads (`$$<stream>` streams hold it as `$metadata` events), parsed from
 * the raw JSON. Custom keys are kept in the raw JSON, which reads return unchanged.
 */
export interface StreamMetadata {
  maxCount?: number;
  maxAgeSeconds?: number;
  truncateBefore?: number;
}

/** `$tb` of a soft-deleted stream: long.MaxValue (JSON numbers this large parse to 2^63). */
export const SOFT_DELETED_TRUNCATE_BEFORE = '9223372036854775807';
const SOFT_DELETE_THRESHOLD = 2 ** 62;

export function parseStreamMetadata(json: Uint8Array): { metadata: StreamMetadata; raw: Record<string, unknown> } {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(Buffer.from(json).toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) raw = parsed as Record<string, unknown>;
  } catch {
    // EventStoreDB ignores metadata it cannot parse rather than failing reads of the stream.
  }
  return {
    raw,
    metadata: {
      maxCount: positiveNumber(raw.$maxCount),
      maxAgeSeconds: positiveNumber(raw.$maxAge),
      truncateBefore: nonNegativeNumber(raw.$tb),
    },
  };
}

export function isSoftDeleted(metadata: StreamMetadata | undefined): boolean {
  return (metadata?.truncateBefore ?? 0) >= SOFT_DELETE_THRESHOLD;
}

/**
 * Serialises metadata with `$tb` set to `truncateBefore`, keeping every other key. `$tb` is written as a raw number
 * because long.MaxValue does not survive a round trip through a JavaScript number.
 */
export function withTruncateBefore(raw: Record<string, unknown>, truncateBefore: string): Buffer {
  const rest = { ...raw };
  delete rest.$tb;
  const body = JSON.stringify(rest);
  const separator = body === '{}' ? '' : ',';
  return Buffer.from(`{"$tb":${truncateBefore}${separator}${body.slice(1)}`, 'utf8');
}

function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

function nonNegativeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
