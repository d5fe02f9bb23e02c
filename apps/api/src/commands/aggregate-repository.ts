import { Logger } from '@nestjs/common';
import type { EventBus } from '@nestjs/cqrs';
import type { Decider } from '@app/domain';
import {
  ConcurrencyConflictError,
  streamName,
  type AggregateEventStore,
  type DomainEventShape,
  type EventMetadata,
  type LoadedStream,
  type RecordedEvent,
} from '@app/event-store';
import { Problem } from '../problems/problem';
import type { CommandContext } from './command-context';
import { toLogPosition, type CommandOutcome, type LogPosition } from './command-outcome';
import { EventAppended } from './event-appended.event';

/** What the repository needs to know about one kind of aggregate. */
export interface AggregateType<C, E extends DomainEventShape, S> {
  /** Stream category: the stream of entity `x` is `<category>-x`. */
  readonly category: string;
  /** What to call it in messages: 'cooperation', 'person'. */
  readonly noun: string;
  readonly decider: Decider<C, E, S>;
}

/**
 * How personal fields are kept in the stored events (see PersonalDataVault): sealed just before an append, revealed
 * just after a load, so that deciders and cached states only ever hold plaintext. `onErasure` tells the repository
 * that something it revealed may now be erased: it forgets its cached states.
 */
export interface PersonalDataCodec {
  seal<E extends DomainEventShape>(events: E[]): Promise<E[]>;
  reveal<E extends DomainEventShape>(events: E[]): Promise<E[]>;
  onErasure(listener: () => void): void;
}

export interface AggregateRepositoryOptions {
  /** For aggregates whose events carry people's records (a person, a cooperation's participants). */
  personalData?: PersonalDataCodec;
  cacheSize?: number;
}

/** An entity as rebuilt from its stream. Version 0: the stream does not exist. */
export interface LoadedAggregate<E, S> {
  state: S;
  version: number;
  /** The answers given to commands that carried an Idempotency-Key, by key. */
  answered: ReadonlyMap<string, PriorAnswer<E>>;
}

interface PriorAnswer<E> {
  fingerprint: string | undefined;
  eventIds: string[];
  version: number;
  position?: LogPosition;
  events: E[];
}

// Without If-Match a command is decided again on the newer state when another writer got in first; with If-Match
// the caller asked for exactly the version it read, so a conflict is reported (409) instead.
const ATTEMPTS_WITHOUT_IF_MATCH = 10;
const DEFAULT_CACHE_SIZE = 10_000;

/**
 * Loads aggregates from their streams and runs commands on them: load, decide, append with the expected revision,
 * publish. States are cached (LRU) by stream: a command is decided on the cached state and costs one append however
 * long the stream has grown; reads (from the cached revision on) happen on a cache miss, after a conflict, before a
 * refusal, and for commands with an Idempotency-Key.
 */
export class AggregateRepository<C, E extends DomainEventShape, S> {
  private readonly logger: Logger;
  private readonly cache = new Map<string, LoadedAggregate<E, S>>();
  private readonly cacheSize: number;
  private readonly personalData?: PersonalDataCodec;

  constructor(
    private readonly store: AggregateEventStore,
    private readonly eventBus: EventBus,
    private readonly type: AggregateType<C, E, S>,
    options: AggregateRepositoryOptions = {},
  ) {
    this.logger = new Logger(`${type.noun}Repository`);
    this.cacheSize = options.cacheSize ?? DEFAULT_CACHE_SIZE;
    this.personalData = options.personalData;
    // A cached state may hold the revealed name of someone just erased (a meeting's participant): start afresh.
    this.personalData?.onErasure(() => this.cache.clear());
  }

  streamOf(id: string): string {
    return streamName(this.type.category, id);
  }

  /** The entity as it stands now; `version` 0 when it was never recorded. */
  async load(id: string): Promise<LoadedAggregate<E, S>> {
    const stream = this.streamOf(id);
    const cached = this.cache.get(stream);
    const loaded = await this.revealed(await this.store.load<E>(stream, BigInt(cached?.version ?? 0)));
    let current = cached ?? { state: this.type.decider.initialState(), version: 0, answered: new Map<string, PriorAnswer<E>>() };
    if (loaded.events.length > 0) current = this.fold(current, loaded.events);
    return this.remember(stream, current);
  }

  /** The entity's state, or 404 naming it when it was never recorded. */
  async require(id: string): Promise<LoadedAggregate<E, S>> {
    const loaded = await this.load(id);
    if (loaded.version === 0) throw new Problem(404, `${this.type.noun.toUpperCase()}_NOT_FOUND`, `${this.type.noun} ${id} does not exist`, 'id');
    return loaded;
  }

  /**
   * Decides the command on the cached state and appends with that state's revision, without reading first: the
   * store refuses the append if the stream has moved on (another API instance, another writer), and only then is
   * the stream read and the command decided again. A refusal (If-Match mismatch, a domain rule) is never given on a
   * cached state alone: the stream is read first, so an answer never rests on a stale cache.
   */
  async execute(id: string, command: C, context: CommandContext): Promise<CommandOutcome<E>> {
    const stream = this.streamOf(id);
    // A command with an Idempotency-Key reads first: its first attempt may have gone through another replica, and
    // only the stream can say so (deciding on a stale cache would make EventStoreDB's idempotent append answer for it,
    // but the retry would not be recognised as one).
    const cached = context.idempotency === undefined ? this.cache.get(stream) : undefined;
    let current = cached ?? (await this.load(id));
    let fresh = cached === undefined;
    const refresh = async (): Promise<void> => {
      current = await this.load(id);
      fresh = true;
    };
    for (let attempt = 1; ; attempt++) {
      const replay = this.priorAnswer(current, context);
      if (replay) return { id, ...replay, replayed: true };
      if (context.expectedVersion !== undefined && context.expectedVersion !== current.version) {
        if (!fresh) {
          await refresh();
          continue;
        }
        throw new Problem(
          412,
          'PRECONDITION_FAILED',
          `${this.type.noun} ${id} is at version ${current.version}, not ${context.expectedVersion} as If-Match says; read it again`,
          'If-Match',
          undefined,
          { currentVersion: current.version },
        );
      }
      let events: E[];
      try {
        events = this.type.decider.decide(command, current.state);
      } catch (error) {
        if (fresh) throw error;
        await refresh();
        continue;
      }
      try {
        return await this.append(id, current, events, context, commandNameOf(command));
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError)) throw error;
        if (context.expectedVersion !== undefined || attempt >= ATTEMPTS_WITHOUT_IF_MATCH) {
          await refresh();
          throw error;
        }
        this.logger.debug(`conflict on ${stream} (attempt ${attempt}); deciding again on the newer state`);
        // A random pause spreads writers that collided, so they do not collide again in lockstep.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * attempt));
        await refresh();
      }
    }
  }

  private async append(id: string, current: LoadedAggregate<E, S>, events: E[], context: CommandContext, command: string | undefined): Promise<CommandOutcome<E>> {
    const stream = this.streamOf(id);
    const appended = await this.store.append({
      streamName: stream,
      expectedRevision: current.version === 0 ? 'no_stream' : BigInt(current.version - 1),
      // Stored sealed; everything after the append (cache, answer, the in-process bus) keeps the plaintext.
      events: this.personalData ? await this.personalData.seal(events) : events,
      idempotencyKey: context.idempotency?.key,
      metadata: {
        actor: context.actor,
        recordedAt: new Date().toISOString(),
        correlationId: context.correlationId,
        causationId: context.causationId,
        requestId: context.requestId,
        ...(context.reason === undefined ? {} : { reason: context.reason }),
        ...(command === undefined ? {} : { command }),
        ...sourceOf(events),
        ...(context.idempotency === undefined
          ? {}
          : { idempotencyKey: context.idempotency.key, requestFingerprint: context.idempotency.fingerprint }),
      },
    });
    if (context.idempotency !== undefined) {
      const answer = await this.answerKeyedAppend(id, context);
      // Published as stored. (Two identical requests racing with one key may both get here: subscribers of the
      // in-process bus see those events twice; read models, fed from $all, see them once.)
      this.publish(this.streamOf(id), answer.events, answer.eventIds, appended.metadata, answer.version);
      return answer;
    }
    const version = Number(appended.nextRevision) + 1;
    const position = appended.position && toLogPosition(appended.position);
    const first = version - events.length;
    // What we appended is what a read would return: fold it into the cache instead of reading it back.
    this.remember(
      stream,
      this.fold(
        current,
        events.map((event, index) => ({
          event,
          metadata: appended.metadata[index],
          eventId: appended.eventIds[index],
          revision: BigInt(first + index),
          position: index === events.length - 1 ? appended.position : undefined,
        })),
      ),
    );
    this.logger.debug({ msg: 'appended', stream, events: events.map((event) => event.type), version });
    this.publish(stream, events, appended.eventIds, appended.metadata, version);
    return { id, version, eventIds: appended.eventIds, position, events, replayed: false };
  }

  /**
   * EventStoreDB recognises a retried append by its event ids alone, so with an Idempotency-Key the events in the
   * stream may be a concurrent twin's, not ours: read them back, answer from what is stored, and refuse (422) when
   * the twin carried a different request under the same key.
   */
  private async answerKeyedAppend(id: string, context: CommandContext): Promise<CommandOutcome<E>> {
    const stored = await this.load(id);
    const answer = this.priorAnswer(stored, context);
    if (answer === undefined) throw new Error(`the events appended under Idempotency-Key ${context.idempotency?.key} are not in ${this.streamOf(id)}`);
    return { id, ...answer, replayed: false };
  }

  private priorAnswer(current: LoadedAggregate<E, S>, context: CommandContext): Omit<CommandOutcome<E>, 'id' | 'replayed'> | undefined {
    if (context.idempotency === undefined) return undefined;
    const prior = current.answered.get(context.idempotency.key);
    if (prior === undefined) return undefined;
    if (prior.fingerprint !== undefined && prior.fingerprint !== context.idempotency.fingerprint) {
      throw new Problem(
        422,
        'IDEMPOTENCY_KEY_REUSED',
        'header Idempotency-Key was already used for a different request to this entity; use a new key for a new request',
        'Idempotency-Key',
      );
    }
    return { version: prior.version, eventIds: prior.eventIds, position: prior.position, events: prior.events };
  }

  /** The stream as read, its personal fields revealed. */
  private async revealed(loaded: LoadedStream<E>): Promise<LoadedStream<E>> {
    if (!this.personalData || loaded.events.length === 0) return loaded;
    const events = await this.personalData.reveal(loaded.events.map((recorded) => recorded.event));
    return { ...loaded, events: loaded.events.map((recorded, index) => ({ ...recorded, event: events[index] })) };
  }

  private fold(from: LoadedAggregate<E, S>, recorded: RecordedEvent<E>[]): LoadedAggregate<E, S> {
    let state = from.state;
    let answered = from.answered as Map<string, PriorAnswer<E>>;
    for (const { event, metadata, eventId, revision, position } of recorded) {
      state = this.type.decider.evolve(state, event);
      const key = metadata.idempotencyKey;
      if (key === undefined) continue;
      if (answered === from.answered) answered = new Map(answered);
      const prior = answered.get(key) ?? { fingerprint: metadata.requestFingerprint, eventIds: [], version: 0, events: [] };
      answered.set(key, {
        ...prior,
        eventIds: [...prior.eventIds, eventId],
        events: [...prior.events, event],
        version: Number(revision) + 1,
        position: position && toLogPosition(position),
      });
    }
    return { state, version: Number(recorded[recorded.length - 1].revision) + 1, answered };
  }

  /** Caches the state unless a newer one got there first (concurrent commands finish out of order); returns the newest. */
  private remember(stream: string, loaded: LoadedAggregate<E, S>): LoadedAggregate<E, S> {
    const cached = this.cache.get(stream);
    if (cached !== undefined && cached.version > loaded.version) return cached;
    this.cache.delete(stream);
    this.cache.set(stream, loaded);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    return loaded;
  }

  private publish(stream: string, events: E[], eventIds: string[], metadata: EventMetadata[], version: number): void {
    const first = version - events.length;
    this.eventBus.publishAll(
      events.map((event, index) => new EventAppended(stream, eventIds[index], event.type, event.data, metadata[index], BigInt(first + index))),
    );
  }
}

/** Domain commands are `{ type, data }`: the type names the command for the audit trail. */
function commandNameOf(command: unknown): string | undefined {
  const type = (command as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : undefined;
}

/** The source a command's facts cite, copied into the metadata so the audit trail shows it beside the actor. */
function sourceOf(events: DomainEventShape[]): { source?: { kind: string; title: string } } {
  for (const event of events) {
    const source = (event.data as { source?: { kind: string; title: string } }).source;
    if (source !== undefined) return { source };
  }
  return {};
}
