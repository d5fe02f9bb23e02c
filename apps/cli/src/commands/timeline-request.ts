import { UsageError } from '../cli-errors';

export type TimelineOwner = 'region' | 'organisation' | 'person' | 'cooperation';

/** Whose timeline: everything, or one region (with the regions within it), organisation, person or cooperation. */
export type TimelineScope = { kind: 'all' } | { kind: TimelineOwner; id: string };

const OWNERS: readonly TimelineOwner[] = ['region', 'organisation', 'person', 'cooperation'];
const COLLECTIONS: Record<TimelineOwner, string> = { region: 'regions', organisation: 'organisations', person: 'people', cooperation: 'cooperations' };

/** The cut through history every read takes, and read-your-writes. */
export interface CutOptions {
  asOf?: string;
  knownAt?: string;
  minPosition?: string;
}

/** What the timeline and export commands filter by, as commander hands the options over. */
export interface TimelineFilterOptions extends CutOptions {
  types?: string;
  from?: string;
  to?: string;
  level?: string;
  order?: 'asc' | 'desc';
  /** False with --no-retracted. */
  retracted?: boolean;
}

export type Query = Record<string, string | number | undefined>;

/** `all`, `region:tatarstan`, `cooperation:logistics-network--tatarstan`: the API's own names for timelines. */
export function parseScope(text: string, argument = 'scope'): TimelineScope {
  if (text === 'all') return { kind: 'all' };
  const separator = text.indexOf(':');
  const kind = text.slice(0, separator) as TimelineOwner;
  const id = text.slice(separator + 1);
  if (separator < 0 || !OWNERS.includes(kind) || id === '') {
    throw new UsageError(`${argument}: ${JSON.stringify(text)} is not a timeline; give all, or ${OWNERS.map((owner) => `${owner}:<id>`).join(', ')}`);
  }
  return { kind, id };
}

/** The scope named by --region, --organisation, --person or --cooperation (at most one: commander checks), else all. */
export function scopeOfOptions(options: Partial<Record<TimelineOwner, string>>): TimelineScope {
  for (const kind of OWNERS) {
    const id = options[kind];
    if (id !== undefined) return { kind, id };
  }
  return { kind: 'all' };
}

export function describeScope(scope: TimelineScope): string {
  return scope.kind === 'all' ? 'all' : `${scope.kind}:${scope.id}`;
}

export function timelinePath(scope: TimelineScope): string {
  return scope.kind === 'all' ? '/timeline' : `/${COLLECTIONS[scope.kind]}/${encodeURIComponent(scope.id)}/timeline`;
}

export function cutQuery(options: CutOptions): Query {
  return { asOf: options.asOf, knownAt: options.knownAt, minPosition: options.minPosition };
}

/** The query parameters of GET …/timeline for these options (undefined ones are not sent). */
export function timelineQuery(options: TimelineFilterOptions): Query {
  return {
    types: options.types,
    from: options.from,
    to: options.to,
    level: options.level,
    order: options.order,
    includeRetracted: options.retracted === false ? 'false' : undefined,
    ...cutQuery(options),
  };
}
