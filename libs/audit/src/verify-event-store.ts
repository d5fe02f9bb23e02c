import type { EventStoreDBClient } from '@eventstore/db-client';
import { linkDigestOf } from '@app/event-store';
import { signCheckpoint, type AuditCheckpoint, type SignedCheckpoint } from './audit-checkpoint';
import { eventStoreAuditLog, type AuditLog } from './audit-log';
import { ChainVerifier, type VerificationReport } from './chain-verifier';
import { LogBeforeCheckpoint } from './log-before-checkpoint';

export interface VerifyOptions {
  /** The HMAC key checkpoints are signed with. */
  key: Buffer;
  /** Verify only what was appended after this (signature-checked) checkpoint; against a v1 one, everything. */
  from?: AuditCheckpoint;
  /** Published checkpoints the log must still agree with. */
  expect?: readonly AuditCheckpoint[];
}

export interface VerificationResult {
  report: VerificationReport;
  /** Signed over the head the walk reached; null when a link is broken (nothing trustworthy to publish). */
  checkpoint: SignedCheckpoint | null;
}

/** Reads `$all` through the client and runs the pure verifier over it. */
export function verifyEventStore(client: EventStoreDBClient, options: VerifyOptions): Promise<VerificationResult> {
  return verifyAuditLog(eventStoreAuditLog(client), options);
}

/**
 * Runs the pure verifier over the log in one forward pass. From a checkpoint, it also reads what the verifier asks
 * about the log before it: a stream's last event (one read per stream), and, in one backward pass shared by all, the
 * last event of each lane that goes on writing after it, or the event a lane begun after it is anchored on.
 */
export async function verifyAuditLog(log: AuditLog, options: VerifyOptions): Promise<VerificationResult> {
  const verifier = new ChainVerifier({ ...(options.from ? { from: options.from } : {}), ...(options.expect ? { expect: options.expect } : {}) });
  const before = new LogBeforeCheckpoint(log.earlier, verifier.startPosition);
  for await (const event of log.forward(verifier.startPosition)) {
    if (verifier.needsStreamPredecessor(event)) {
      const previous = await log.eventAt(event.streamId, event.revision - 1n);
      if (previous !== undefined) {
        const digest = linkDigestOf({ streamId: previous.streamId, revision: Number(previous.revision), eventId: previous.eventId, type: previous.type, data: previous.data, metadata: previous.metadata });
        verifier.seedStream(event.streamId, previous.revision, digest, { position: previous.position, streamId: previous.streamId, revision: previous.revision.toString(), eventId: previous.eventId });
      }
    }
    const lane = verifier.lanePredecessorNeeded(event);
    if (lane) {
      const found = await before.lane(lane.lane, lane.lanePrev);
      if (found.head) verifier.seedLane(lane.lane, found.head.digest, found.head.location);
      else if (found.anchored && lane.lanePrev !== null) verifier.seedAnchor(lane.lanePrev);
    }
    verifier.feed(event);
  }
  const report = verifier.result();
  return { report, checkpoint: report.intact ? signCheckpoint(report.head, options.key) : null };
}
