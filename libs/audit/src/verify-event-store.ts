import { START, type EventStoreDBClient, type ResolvedEvent } from '@eventstore/db-client';
import { linkDigestOf } from '@app/event-store';
import { signCheckpoint, type AuditCheckpoint, type SignedCheckpoint } from './audit-checkpoint';
import type { AuditedEvent } from './audited-event';
import { ChainVerifier, type VerificationReport } from './chain-verifier';

export interface VerifyOptions {
  /** The HMAC key checkpoints are signed with. */
  key: Buffer;
  /** Verify only what was appended after this (signature-checked) checkpoint. */
  from?: AuditCheckpoint;
  /** Published checkpoints the log must still agree with. */
  expect?: readonly AuditCheckpoint[];
}

export interface VerificationResult {
  report: VerificationReport;
  /** Signed over the head the walk reached; null when a link is broken (nothing trustworthy to publish). */
  checkpoint: SignedCheckpoint | null;
}

/** Reads `$all` through the client and runs the pure verifier over it, in one pass. */
export async function verifyEventStore(client: EventStoreDBClient, options: VerifyOptions): Promise<VerificationResult> {
  const verifier = new ChainVerifier({ ...(options.from ? { from: options.from } : {}), ...(options.expect ? { expect: options.expect } : {}) });
  const start = options.from?.position ? { commit: BigInt(options.from.position.commit), prepare: BigInt(options.from.position.prepare) } : START;
  for await (const resolved of client.readAll({ fromPosition: start })) {
    const event = auditedEventOf(resolved);
    if (event === undefined) continue;
    if (verifier.needsStreamPredecessor(event)) await seedPredecessor(client, verifier, event);
    verifier.feed(event);
  }
  const report = verifier.result();
  return { report, checkpoint: report.intact ? signCheckpoint(report.head, options.key) : null };
}

export function auditedEventOf(resolved: ResolvedEvent): AuditedEvent | undefined {
  const event = resolved.event;
  if (!event?.position) return undefined;
  return {
    position: { commit: event.position.commit.toString(), prepare: event.position.prepare.toString() },
    streamId: event.streamId,
    revision: event.revision,
    eventId: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  };
}

async function seedPredecessor(client: EventStoreDBClient, verifier: ChainVerifier, event: AuditedEvent): Promise<void> {
  const revision = event.revision - 1n;
  let seeded = false;
  try {
    for await (const resolved of client.readStream(event.streamId, { fromRevision: revision, maxCount: 1 })) {
      const previous = auditedEventOf(resolved);
      if (seeded || previous === undefined || previous.revision !== revision) continue;
      const digest = linkDigestOf({ streamId: previous.streamId, revision: Number(previous.revision), eventId: previous.eventId, type: previous.type, data: previous.data, metadata: previous.metadata });
      verifier.seedStream(event.streamId, revision, digest, { position: previous.position, streamId: previous.streamId, revision: revision.toString(), eventId: previous.eventId });
      seeded = true;
    }
  } catch {
    // The predecessor cannot be read (stream deleted or truncated): the event's stream link is checked against none.
  }
}
