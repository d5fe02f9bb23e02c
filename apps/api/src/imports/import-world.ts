import type { DomainEventShape } from '@app/event-store';
import { streamName } from '@app/event-store';
import type { EntityDirectory, EntityKind, Reference } from '../commands/entity-directory';
import type { ImportAggregates, ImportedEntity } from './import-aggregates';
import type { ImportRowError } from './import-problems';

// Enough to overlap the round trips to the event store without crowding out everyone else's requests.
const CONCURRENT_READS = 8;

/**
 * The entities an import touches, as they would stand after each row: loaded from their streams on first use, then
 * moved on in memory by the events each accepted row would append, so row 5 is decided on the state row 2 left (a
 * region registered in row 2 exists for row 5). Nothing here writes to the event store.
 */
export class ImportWorld {
  private readonly entities = new Map<string, ImportedEntity>();
  /** Whether entities no row is about exist, as read by warmUp. */
  private readonly existing = new Map<string, boolean>();

  constructor(
    private readonly aggregates: ImportAggregates,
    private readonly directory: EntityDirectory,
  ) {}

  async entity(kind: EntityKind, id: string): Promise<ImportedEntity> {
    const stream = streamName(kind, id);
    let entity = this.entities.get(stream);
    if (entity === undefined) {
      entity = await this.aggregates.of(kind).load(id);
      this.entities.set(stream, entity);
    }
    return entity;
  }

  /**
   * Reads, a few at a time, every entity the rows are about and every entity they name that none of them is about,
   * so that deciding the rows in order then waits for no read (an entity some row records is known from that row on).
   */
  async warmUp(entities: readonly { kind: EntityKind; id: string }[], references: readonly Reference[]): Promise<void> {
    const about = new Map(entities.map(({ kind, id }) => [streamName(kind, id), { kind, id }]));
    const named = new Map<string, { kind: EntityKind; id: string }>();
    for (const { kind, id } of references) {
      const stream = streamName(kind, id);
      if (!about.has(stream)) named.set(stream, { kind, id });
    }
    const reads = [
      ...[...about.values()].map(({ kind, id }) => () => this.entity(kind, id)),
      // A person named is read whole: whether they were erased is in their state.
      ...[...named.values()].map(({ kind, id }) => (kind === 'person' ? () => this.entity(kind, id) : async () => void this.existing.set(streamName(kind, id), await this.directory.exists(kind, id)))),
    ];
    let next = 0;
    const reader = async (): Promise<void> => {
      while (next < reads.length) await reads[next++]();
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENT_READS, reads.length) }, reader));
  }

  /** The entity after the row's events, with the row's key answered (an identical later row appends nothing). */
  record(kind: EntityKind, id: string, events: readonly DomainEventShape[], key: string, fingerprint: string): void {
    const stream = streamName(kind, id);
    const entity = this.entities.get(stream);
    if (entity === undefined) throw new Error(`${stream} was decided on without being loaded`);
    const { evolve } = this.aggregates.of(kind);
    this.entities.set(stream, {
      state: events.reduce((state, event) => evolve(state, event), entity.state),
      version: entity.version + events.length,
      answered: new Map([...entity.answered, [key, fingerprint]]),
    });
  }

  /**
   * What is wrong with the entities a command names (as AggregateCommandHandler and PersonalDataVault would refuse
   * them): each that is neither recorded nor recorded by an earlier row, and each person who was erased.
   */
  async referenceErrors(references: readonly Reference[]): Promise<Omit<ImportRowError, 'line' | 'fact'>[]> {
    const errors: Omit<ImportRowError, 'line' | 'fact'>[] = [];
    for (const { field, kind, id } of references) {
      if (!(await this.exists(kind, id))) {
        errors.push({ field, code: 'UNKNOWN_REFERENCE', message: `${field} names ${kind} '${id}', which is not recorded (nor by an earlier row of this file)` });
      } else if (kind === 'person' && ((await this.entity(kind, id)).state as { status?: string }).status === 'erased') {
        errors.push({ field, code: 'ERASED_REFERENCE', message: `${field} names person '${id}', who was erased; record the participant without a personId` });
      }
    }
    return errors;
  }

  private async exists(kind: EntityKind, id: string): Promise<boolean> {
    const stream = streamName(kind, id);
    const known = this.entities.get(stream);
    if (known !== undefined) return known.version > 0;
    return this.existing.get(stream) ?? this.directory.exists(kind, id);
  }
}
