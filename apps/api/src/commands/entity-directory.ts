import { EventStoreDBClient, StreamNotFoundError } from '@eventstore/db-client';
import { Injectable } from '@nestjs/common';
import { mapClientError, streamName } from '@app/event-store';
import { Problem, type FieldError } from '../problems/problem';

export type EntityKind = 'region' | 'organisation' | 'person' | 'fair' | 'cooperation';

/** A field of a command that names another entity, which must exist. */
export interface Reference {
  /** Path in the request body: `participants[0].personId`. */
  field: string;
  kind: EntityKind;
  id: string;
}

const MAX_KNOWN = 100_000;

/**
 * Answers whether entities exist, for commands that refer to others (a meeting's participants, a fair's region).
 * Entities are never deleted, so a positive answer is cached; a negative one is asked again next time.
 */
@Injectable()
export class EntityDirectory {
  private readonly known = new Set<string>();

  constructor(private readonly client: EventStoreDBClient) {}

  /** Refuses (422, every missing reference named by its field) unless all referenced entities exist. */
  async requireAll(references: readonly Reference[]): Promise<void> {
    const answers = await Promise.all(references.map((reference) => this.exists(reference.kind, reference.id)));
    const missing: FieldError[] = references
      .filter((_reference, index) => !answers[index])
      .map(({ field, kind, id }) => ({ field, message: `${field} names ${kind} '${id}', which is not recorded` }));
    if (missing.length > 0) {
      const detail = missing.length === 1 ? missing[0].message : `${missing[0].message} (and ${missing.length - 1} more)`;
      throw new Problem(422, 'UNKNOWN_REFERENCE', detail, missing[0].field, missing);
    }
  }

  async exists(kind: EntityKind, id: string): Promise<boolean> {
    const stream = streamName(kind, id);
    if (this.known.has(stream)) return true;
    let found = false;
    try {
      // Read to the end rather than leave the loop early: @eventstore/db-client 6 cannot dispose a read that was
      // abandoned after the server had ended it, so client.dispose() would hang at shutdown.
      for await (const _event of this.client.readStream(stream, { maxCount: 1 })) found = true;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return false;
      throw mapClientError(error, stream);
    }
    if (found) {
      if (this.known.size >= MAX_KNOWN) this.known.clear();
      this.known.add(stream);
    }
    return found;
  }
}
