import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import { InvalidRequestError, streamNameOf, uint64Of } from './request-fields';

/** Server-side filter of `$all` reads and subscriptions: on the stream name or the event type. */
export interface RecordFilter {
  on: 'stream' | 'event_type';
  prefixes: string[];
  regex?: RegExp;
  /** Checkpoints are sent every `checkpointInterval` records read (search window × multiplier). */
  checkpointInterval: number;
}

export type ReadStart = { kind: 'start' } | { kind: 'end' } | { kind: 'at'; value: number };

export interface ReadRequest {
  target: { kind: 'stream'; streamId: string } | { kind: 'all' };
  from: ReadStart;
  backwards: boolean;
  /** Undefined for a subscription. */
  maxCount?: number;
  subscription: boolean;
  filter?: RecordFilter;
  resolveLinks: boolean;
}

export function parseReadRequest(request: ReadReq): ReadRequest {
  const options = request.getOptions();
  if (!options) throw new InvalidRequestError('options are required');
  if (options.hasUuidOption() && options.getUuidOption()?.hasStructured()) {
    throw new InvalidRequestError('uuid_option structured is not supported by this node; ask for string UUIDs');
  }
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  const subscription = options.hasSubscription();
  const maxCount = subscription ? undefined : options.hasCount() ? uint64Of(options.getCount(), 'count') : Number.MAX_SAFE_INTEGER;
  const filter = options.hasFilter() ? parseFilter(options.getFilter()!) : undefined;
  const resolveLinks = options.getResolveLinks();
  if (options.hasStream()) {
    const stream = options.getStream()!;
    const from: ReadStart = stream.hasRevision()
      ? { kind: 'at', value: uint64Of(stream.getRevision(), 'revision') }
      : stream.hasEnd()
        ? { kind: 'end' }
        : { kind: 'start' };
    if (filter) throw new InvalidRequestError('filter is only supported when reading $all');
    return { target: { kind: 'stream', streamId: streamNameOf(stream.getStreamIdentifier(), 'stream_identifier') }, from, backwards, maxCount, subscription, resolveLinks };
  }
  if (options.hasAll()) {
    const all = options.getAll()!;
    const from: ReadStart = all.hasPosition()
      ? { kind: 'at', value: uint64Of(all.getPosition()!.getCommitPosition(), 'position.commit_position') }
      : all.hasEnd()
        ? { kind: 'end' }
        : { kind: 'start' };
    return { target: { kind: 'all' }, from, backwards, maxCount, subscription, filter, resolveLinks };
  }
  throw new InvalidRequestError('stream_option must name a stream or $all');
}

function parseFilter(options: ReadReq.Options.FilterOptions): RecordFilter {
  const expression = options.hasStreamIdentifier() ? options.getStreamIdentifier() : options.getEventType();
  if (!expression) throw new InvalidRequestError('filter needs a stream_identifier or event_type expression');
  const source = expression.getRegex();
  let regex: RegExp | undefined;
  if (source) {
    try {
      regex = new RegExp(source);
    } catch (error) {
      throw new InvalidRequestError(`filter regex is invalid: ${(error as Error).message}`);
    }
  }
  const window = options.hasMax() ? Math.max(1, options.getMax()) : 32;
  const multiplier = Math.max(1, options.getCheckpointintervalmultiplier());
  return {
    on: options.hasStreamIdentifier() ? 'stream' : 'event_type',
    prefixes: expression.getPrefixList(),
    regex,
    checkpointInterval: window * multiplier,
  };
}

export function matchesFilter(filter: RecordFilter, streamId: string, eventType: string): boolean {
  const value = filter.on === 'stream' ? streamId : eventType;
  if (filter.regex && !filter.regex.test(value)) return false;
  if (filter.prefixes.length > 0 && !filter.prefixes.some((prefix) => value.startsWith(prefix))) return false;
  return true;
}
