/** What a writer expects the stream's current revision to be (EventStoreDB's expected version). */
export type ExpectedRevision =
  | { kind: 'any' }
  | { kind: 'no_stream' }
  | { kind: 'stream_exists' }
  | { kind: 'exact'; revision: number };

/** The stream as a writer sees it: the last revision written (-1 for none) and whether it currently exists. */
export interface StreamWriteState {
  currentRevision: number;
  exists: boolean;
}

/**
 * EventStoreDB's optimistic concurrency rule. A soft-deleted stream does not exist for `no_stream` and
 * `stream_exists`, but its revisions continue, so an exact expectation still names the last revision written.
 */
export function satisfiesExpectation(expected: ExpectedRevision, state: StreamWriteState): boolean {
  switch (expected.kind) {
    case 'any':
      return true;
    case 'no_stream':
      return !state.exists;
    case 'stream_exists':
      return state.exists;
    case 'exact':
      return expected.revision === state.currentRevision;
  }
}

export function describeExpectation(expected: ExpectedRevision): string {
  return expected.kind === 'exact' ? String(expected.revision) : expected.kind;
}
