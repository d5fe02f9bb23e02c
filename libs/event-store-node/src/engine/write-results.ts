import { ExpectedRevision } from './expected-revision';

/** Outcome of an append or delete decision; `durable` settles when the written records are on stable storage. */
export type WriteResult =
  | { kind: 'success'; currentRevision: number; position: number; durable: Promise<void> }
  | { kind: 'wrong_expected_version'; streamId: string; expected: ExpectedRevision; currentRevision: number }
  | { kind: 'stream_deleted'; streamId: string }
  | { kind: 'too_large'; maxAppendSize: number; size: number };
