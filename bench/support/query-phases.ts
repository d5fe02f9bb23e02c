import {
  GRAPH_PROJECTION,
  namesFor,
  readCooperationStatus,
  readGraph,
  readRegionStatus,
  readTimeline,
  referenceExists,
  STATUS_PROJECTION,
  TIMELINE_PROJECTION,
  todayDateKey,
  type ProjectionDb,
  type TimelineQuery,
} from '@app/projections';
import type { KontaktWorld } from './kontakt-world';
import { summariseLatencies } from './phase-measurement';
import { SeededRandom } from './seeded-random';

export type QueryGroup = 'timeline' | 'status' | 'graph';

export interface QueryResult {
  id: string;
  group: QueryGroup;
  title: string;
  samples: number;
  /** The kind ran out of time before taking every sample it was asked for. */
  stoppedByTime: boolean;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  /** Items (entries, cooperations, or nodes and edges) per answer, on average: a fast query that answers nothing proves little. */
  meanItems: number;
  /** Why the kind has no figures: it failed, or the process running it died (out of memory). */
  failure?: string;
}

export interface QueryKindDescription {
  id: string;
  group: QueryGroup;
  title: string;
  /** The projections whose tables it reads. */
  needs: readonly string[];
}

/** One kind of query: `sample()` runs one, returns the nanoseconds of its timed part and how many items it answered. */
export interface QueryKind extends QueryKindDescription {
  sample(): Promise<{ ns: number; items: number }>;
}

export interface QueryPlan {
  queries: number;
  seconds: number;
}

const PAGE = 50;
/** A walk along a timeline follows this many cursors before it starts again on another timeline. */
const WALK_PAGES = 200;
const WARM_UP_QUERIES = 20;
const TIMELINE = [TIMELINE_PROJECTION];
const STATUS = [STATUS_PROJECTION];
const GRAPH = [GRAPH_PROJECTION];
const GRAPH_AND_TIMELINE = [GRAPH_PROJECTION, TIMELINE_PROJECTION];
const FACT_TYPES = ['ContactEstablished', 'MeetingHeld', 'FairAttended', 'MembershipCrossLinked', 'DelegationVisited', 'OpportunityIdentified', 'CooperationStageChanged'];

/**
 * Asks one kind of query `plan.queries` times (or for `plan.seconds`, whichever ends first), one after another, after
 * a short warm-up (prepared plans, page cache, JIT, as in a running API). Latency is wall time per query in the
 * calling process, SQL and JSON decoding included, HTTP excluded.
 */
export async function measureKind(kind: QueryKind, plan: QueryPlan): Promise<QueryResult> {
  const warmUpUntil = performance.now() + (plan.seconds * 1000) / 5;
  for (let index = 0; index < Math.min(WARM_UP_QUERIES, plan.queries) && performance.now() < warmUpUntil; index++) await kind.sample();
  const latencies = new Float64Array(plan.queries);
  let items = 0;
  let samples = 0;
  const deadline = performance.now() + plan.seconds * 1000;
  while (samples < plan.queries && performance.now() < deadline) {
    const sample = await kind.sample();
    latencies[samples++] = sample.ns;
    items += sample.items;
  }
  const taken = latencies.subarray(0, samples);
  const meanMs = taken.reduce((sum, ns) => sum + ns, 0) / Math.max(1, samples) / 1e6;
  return { id: kind.id, group: kind.group, title: kind.title, samples, stoppedByTime: samples < plan.queries, ...summariseLatencies(taken), meanMs, meanItems: items / Math.max(1, samples) };
}

async function timed<T>(work: () => Promise<T>, itemsOf: (result: T) => number): Promise<{ ns: number; items: number }> {
  const started = process.hrtime.bigint();
  const result = await work();
  const ns = Number(process.hrtime.bigint() - started);
  return { ns, items: itemsOf(result) };
}

/**
 * The read side's queries as the API asks them, on `db` (a read connection), with ids drawn at random from the
 * world. Each kind draws from a generator of its own, so a kind asks the same questions whichever ran before it.
 */
export function queryKinds(db: ProjectionDb, world: KontaktWorld): QueryKind[] {
  const seeds = new SeededRandom(world.seed).fork('queries');
  const today = todayDateKey(new Date());
  const draw = {
    region: (random: SeededRandom) => random.pick(world.regions).id,
    organisation: (random: SeededRandom) => random.pick(world.organisations).id,
    person: (random: SeededRandom) => random.pick(world.people).id,
    cooperation: (random: SeededRandom) => random.pick(world.cooperations).id,
    day: (random: SeededRandom) => random.int(2008, 2025) * 10_000 + random.int(1, 12) * 100 + random.int(1, 28),
    knownAtMs: (random: SeededRandom) => Date.UTC(random.int(2018, 2025), random.int(0, 11), random.int(1, 28)),
  };
  const kind = (description: QueryKindDescription, sampler: (random: SeededRandom) => Promise<{ ns: number; items: number }>): QueryKind => {
    const random = seeds.fork(description.id);
    return { ...description, sample: () => sampler(random) };
  };
  const page = (query: Omit<TimelineQuery, 'limit'>) => timed(() => readTimeline(db, { ...query, limit: PAGE }), (answer) => answer.items.length);
  // Items of a status: a region's cooperations; a cooperation's status is one.
  const status = (read: () => Promise<object | undefined>) =>
    timed(read, (answer) => (answer === undefined ? 0 : 'cooperations' in answer && Array.isArray(answer.cooperations) ? answer.cooperations.length : 1));
  const graph = (read: () => ReturnType<typeof readGraph>) => timed(read, (answer) => (answer ? answer.nodes.length + answer.edges.length : 0));
  const timeline = (id: string, title: string, sampler: (random: SeededRandom) => Promise<{ ns: number; items: number }>) => kind({ id, group: 'timeline', title, needs: TIMELINE }, sampler);
  return [
    timeline('timeline-all', 'Timeline, global, first page', () => page({ scope: 'all' })),
    timeline('timeline-region', 'Timeline, region, first page', (random) => page({ scope: `region:${draw.region(random)}` })),
    timeline('timeline-organisation', 'Timeline, organisation, first page', (random) => page({ scope: `organisation:${draw.organisation(random)}` })),
    timeline('timeline-person', 'Timeline, person, first page', (random) => page({ scope: `person:${draw.person(random)}` })),
    timeline('timeline-cooperation', 'Timeline, cooperation, first page', (random) => page({ scope: `cooperation:${draw.cooperation(random)}` })),
    timeline('timeline-region-api', 'Timeline, region, first page as the API answers (exists + page + names)', (random) => {
      const regionId = draw.region(random);
      return timed(
        async () => {
          if (!(await referenceExists(db, 'region', regionId))) return [];
          const answer = await readTimeline(db, { scope: `region:${regionId}`, limit: PAGE });
          await namesFor(db, answer.items);
          return answer.items;
        },
        (items) => items.length,
      );
    }),
    cursorWalk(db, kind, 'timeline-all-deep', 'Timeline, global, pages reached by following nextCursor', () => 'all', Number.MAX_SAFE_INTEGER),
    cursorWalk(db, kind, 'timeline-region-deep', `Timeline, region, pages 2–${WALK_PAGES} by following nextCursor`, (random) => `region:${draw.region(random)}`, WALK_PAGES),
    timeline('timeline-region-desc', 'Timeline, region, newest first (order=desc)', (random) => page({ scope: `region:${draw.region(random)}`, order: 'desc' })),
    timeline('timeline-region-type', 'Timeline, region, one type (types=<random fact type>)', (random) => page({ scope: `region:${draw.region(random)}`, types: [random.pick(FACT_TYPES)] })),
    timeline('timeline-region-asof', 'Timeline, region, asOf=<random day>, newest first', (random) => page({ scope: `region:${draw.region(random)}`, order: 'desc', cut: { asOf: draw.day(random) } })),
    timeline('timeline-region-knownat', 'Timeline, region, knownAt=<random day>, newest first', (random) =>
      page({ scope: `region:${draw.region(random)}`, order: 'desc', cut: { knownAtMs: draw.knownAtMs(random) } }),
    ),
    kind({ id: 'status-region', group: 'status', title: 'Status, region, current', needs: STATUS }, (random) => status(() => readRegionStatus(db, draw.region(random), { dayKey: today }))),
    kind({ id: 'status-region-asof', group: 'status', title: 'Status, region, asOf=<random day> (summed from the status entries)', needs: STATUS }, (random) =>
      status(() => readRegionStatus(db, draw.region(random), { cut: { asOf: draw.day(random) }, dayKey: today })),
    ),
    kind({ id: 'status-region-knownat', group: 'status', title: 'Status, region, knownAt=<random day> (summed from the status rows)', needs: STATUS }, (random) =>
      status(() => readRegionStatus(db, draw.region(random), { cut: { knownAtMs: draw.knownAtMs(random) }, dayKey: today })),
    ),
    kind({ id: 'status-region-asof-knownat', group: 'status', title: 'Status, region, asOf and knownAt (summed from the status rows)', needs: STATUS }, (random) =>
      status(() => readRegionStatus(db, draw.region(random), { cut: { asOf: draw.day(random), knownAtMs: draw.knownAtMs(random) }, dayKey: today })),
    ),
    kind({ id: 'status-cooperation', group: 'status', title: 'Status, cooperation, current', needs: STATUS }, (random) => status(() => readCooperationStatus(db, draw.cooperation(random), { dayKey: today }))),
    kind({ id: 'status-cooperation-asof', group: 'status', title: 'Status, cooperation, asOf=<random day> (summed from the status entries)', needs: STATUS }, (random) =>
      status(() => readCooperationStatus(db, draw.cooperation(random), { cut: { asOf: draw.day(random) }, dayKey: today })),
    ),
    kind({ id: 'status-cooperation-knownat', group: 'status', title: 'Status, cooperation, knownAt=<random day> (summed from the status rows)', needs: STATUS }, (random) =>
      status(() => readCooperationStatus(db, draw.cooperation(random), { cut: { knownAtMs: draw.knownAtMs(random) }, dayKey: today })),
    ),
    kind({ id: 'graph-all', group: 'graph', title: 'Graph, whole, current', needs: GRAPH }, () => graph(() => readGraph(db))),
    kind({ id: 'graph-region', group: 'graph', title: 'Graph, region, current', needs: GRAPH_AND_TIMELINE }, (random) => graph(() => readGraph(db, { region: draw.region(random) }))),
    kind({ id: 'graph-region-asof', group: 'graph', title: 'Graph, region, asOf=<random day>', needs: GRAPH_AND_TIMELINE }, (random) =>
      graph(() => readGraph(db, { region: draw.region(random), cut: { asOf: draw.day(random) } })),
    ),
  ];
}

/**
 * Pages reached by following `nextCursor`, as a reader scrolling a long timeline does: the walk goes on along one
 * timeline (its first page untimed) until it ends or `maxPages` were read, then starts on another.
 */
function cursorWalk(
  db: ProjectionDb,
  kind: (description: QueryKindDescription, sampler: (random: SeededRandom) => Promise<{ ns: number; items: number }>) => QueryKind,
  id: string,
  title: string,
  scope: (random: SeededRandom) => string,
  maxPages: number,
): QueryKind {
  let walk: { scope: string; cursor: string; pages: number } | undefined;
  return kind({ id, group: 'timeline', title, needs: TIMELINE }, async (random) => {
    // A timeline of one page has no cursor to follow: look for a longer one (a tiny data set may have none).
    for (let attempt = 0; walk === undefined && attempt < 100; attempt++) {
      const next = scope(random);
      const first = await readTimeline(db, { scope: next, limit: PAGE });
      if (first.nextCursor !== null) walk = { scope: next, cursor: first.nextCursor, pages: 1 };
    }
    if (walk === undefined) throw new Error(`${title}: no timeline has a second page`);
    const current = walk;
    const started = process.hrtime.bigint();
    const answer = await readTimeline(db, { scope: current.scope, limit: PAGE, cursor: current.cursor });
    const ns = Number(process.hrtime.bigint() - started);
    walk = answer.nextCursor === null || current.pages + 1 >= maxPages ? undefined : { ...current, cursor: answer.nextCursor, pages: current.pages + 1 };
    return { ns, items: answer.items.length };
  });
}
