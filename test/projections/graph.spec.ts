import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  graphProjection,
  readGraph,
  timelineProjection,
  type GraphEdge,
  type ProjectedEvent,
  type Projection,
  type ProjectionDb,
  type RelationshipGraph,
} from '@app/projections';
import { openReadModelDatabase, type ReadModelDatabase } from '@app/read-model';
import { useTestApi } from '../support/api.harness';
import { useProjectedStory } from '../support/projected-story';
import { readModelStores, type ScratchStore } from '../support/read-model-stores';

const NETWORK = 'organisation:logistics-network';
const TATARSTAN_COOPERATION = '/cooperations/logistics-network--tatarstan';

function edgeOf(graph: RelationshipGraph | undefined, kind: string, source: string, target: string): GraphEdge | undefined {
  return graph?.edges.find((edge) => edge.kind === kind && edge.source === source && edge.target === target);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(readModelStores())('the relationship graph, on %s', (_name, scratchStore) => {
  const api = useTestApi();
  const story = useProjectedStory(api, scratchStore, [timelineProjection, graphProjection]);
  const { record } = story;
  let db: ProjectionDb;

  beforeAll(() => {
    db = story.db();
  });

  it('joins the network to Tatarstan by the five entries of their cooperation, March to October 2017', async () => {
    const graph = await readGraph(db);
    expect(edgeOf(graph, 'cooperation', NETWORK, 'region:tatarstan')).toMatchObject({ weight: 5, firstDate: '2017-03', lastDate: '2017-10' });
    expect(edgeOf(graph, 'cooperation', NETWORK, 'region:russia')).toMatchObject({ weight: 2, firstDate: '2010', lastDate: '2010' });
    expect(edgeOf(graph, 'cooperation', NETWORK, 'organisation:german-russian-association')).toMatchObject({ weight: 2, firstDate: '2016', lastDate: '2016' });
  });

  it('links the network and the German-Russian association as cross-members since 2016', async () => {
    const graph = await readGraph(db);
    expect(edgeOf(graph, 'membership', 'organisation:german-russian-association', NETWORK)).toEqual({
      kind: 'membership',
      source: 'organisation:german-russian-association',
      target: NETWORK,
      weight: 1,
      firstDate: '2016',
      lastDate: '2016',
    });
  });

  it('shows whom the network met: the transport ministry in Kazan, the President at the Leipzig fairs', async () => {
    const graph = await readGraph(db);
    expect(edgeOf(graph, 'met', NETWORK, 'organisation:tatarstan-transport-ministry')).toMatchObject({ weight: 1, firstDate: '2017-10', lastDate: '2017-10' });
    expect(edgeOf(graph, 'met', NETWORK, 'person:president-tatarstan')).toMatchObject({ weight: 1, firstDate: '2017-03', lastDate: '2017-03' });
    expect(graph!.edges.filter((edge) => edge.kind === 'met')).toHaveLength(2);
  });

  it('links the President to the government he heads since March 2010, and places everyone in their regions', async () => {
    const graph = await readGraph(db);
    expect(edgeOf(graph, 'role', 'person:president-tatarstan', 'organisation:tatarstan-government')).toMatchObject({ weight: 1, firstDate: '2010-03', lastDate: '2010-03' });
    expect(edgeOf(graph, 'located-in', 'organisation:tatarstan-transport-ministry', 'region:tatarstan')).toMatchObject({ weight: 1, firstDate: null, lastDate: null });
    expect(edgeOf(graph, 'part-of', 'region:tatarstan', 'region:russia')).toBeDefined();
    expect(graph!.nodes).toContainEqual({ id: 'region:tatarstan', kind: 'region', label: 'Republic of Tatarstan', regionKind: 'federal-subject' });
    expect(graph!.nodes).toContainEqual({ id: 'person:president-tatarstan', kind: 'person', label: 'Rustam Minnikhanov' });
  });

  it('has no Tatarstan relationships as of the end of 2016, but the membership and the President’s role', async () => {
    const graph = await readGraph(db, { cut: { asOf: 20161231 } });
    const dated = graph!.edges.filter((edge) => edge.firstDate !== null);
    expect(dated.map((edge) => `${edge.kind} ${edge.source} ${edge.target}`).sort()).toEqual([
      `cooperation ${NETWORK} organisation:german-russian-association`,
      `cooperation ${NETWORK} region:russia`,
      `membership organisation:german-russian-association ${NETWORK}`,
      'role person:president-tatarstan organisation:tatarstan-government',
    ]);
    expect(graph!.nodes.map((node) => node.id)).not.toContain('organisation:tatarstan-transport-ministry');
  });

  it('is the current graph when cut nowhere', async () => {
    expect(await readGraph(db, { cut: {} })).toEqual(await readGraph(db));
  });

  it('narrows to the relationships recorded on a region’s timeline', async () => {
    const tatarstan = await readGraph(db, { region: 'tatarstan' });
    expect(edgeOf(tatarstan, 'cooperation', NETWORK, 'region:tatarstan')).toMatchObject({ weight: 5 });
    expect(edgeOf(tatarstan, 'role', 'person:president-tatarstan', 'organisation:tatarstan-government')).toBeDefined();
    expect(edgeOf(tatarstan, 'cooperation', NETWORK, 'region:russia')).toBeUndefined();
    // Tatarstan lies in Russia: Russia's timeline holds both cooperations.
    const russia = await readGraph(db, { region: 'russia', cut: { asOf: 20171231 } });
    expect([edgeOf(russia, 'cooperation', NETWORK, 'region:russia'), edgeOf(russia, 'cooperation', NETWORK, 'region:tatarstan')]).toEqual([expect.anything(), expect.anything()]);
    const ministry = await readGraph(db, { organisation: 'tatarstan-transport-ministry' });
    expect(ministry!.edges.filter((edge) => edge.firstDate !== null).map((edge) => edge.kind).sort()).toEqual(['cooperation', 'met']);
  });

  it('knows no region or organisation it was never told of', async () => {
    expect(await readGraph(db, { region: 'atlantis' })).toBeUndefined();
    expect(await readGraph(db, { organisation: 'acme', cut: { asOf: 20200101 } })).toBeUndefined();
  });

  it('moves the last date to the corrected day, and shows the old one as known before the correction', async () => {
    const beforeCorrection = Date.now();
    await sleep(5);
    await record(`${TATARSTAN_COOPERATION}/corrections`, { entryId: 'kazan-minister-meeting', corrections: { occurredOn: '2017-10-12' }, reason: 'Minutes give the exact day' });
    const now = await readGraph(db);
    expect(edgeOf(now, 'met', NETWORK, 'organisation:tatarstan-transport-ministry')).toMatchObject({ weight: 1, firstDate: '2017-10-12', lastDate: '2017-10-12' });
    expect(edgeOf(now, 'cooperation', NETWORK, 'region:tatarstan')).toMatchObject({ weight: 5, firstDate: '2017-03', lastDate: '2017-10-12' });
    const known = await readGraph(db, { cut: { knownAtMs: beforeCorrection } });
    expect(edgeOf(known, 'met', NETWORK, 'organisation:tatarstan-transport-ministry')).toMatchObject({ firstDate: '2017-10', lastDate: '2017-10' });
    expect(edgeOf(known, 'cooperation', NETWORK, 'region:tatarstan')).toMatchObject({ weight: 5, lastDate: '2017-10' });
  });

  it('takes a retracted meeting out of the weights and dates it added', async () => {
    const followUp = {
      entryId: 'kazan-follow-up',
      occurredOn: '2018-05',
      place: { name: 'Kazan', regionId: 'kazan' },
      participants: [{ name: 'Minister of Transport of Tatarstan', organisationId: 'tatarstan-transport-ministry', level: 'minister' }],
      topics: ['follow-up'],
    };
    await record(`${TATARSTAN_COOPERATION}/meetings`, followUp);
    const withFollowUp = await readGraph(db);
    expect(edgeOf(withFollowUp, 'met', NETWORK, 'organisation:tatarstan-transport-ministry')).toMatchObject({ weight: 2, firstDate: '2017-10-12', lastDate: '2018-05' });
    expect(edgeOf(withFollowUp, 'cooperation', NETWORK, 'region:tatarstan')).toMatchObject({ weight: 6, lastDate: '2018-05' });

    await record(`${TATARSTAN_COOPERATION}/retractions`, { entryId: 'kazan-follow-up', reason: 'The meeting was cancelled' });
    const retracted = await readGraph(db);
    expect(edgeOf(retracted, 'met', NETWORK, 'organisation:tatarstan-transport-ministry')).toMatchObject({ weight: 1, firstDate: '2017-10-12', lastDate: '2017-10-12' });
    expect(edgeOf(retracted, 'cooperation', NETWORK, 'region:tatarstan')).toMatchObject({ weight: 5, lastDate: '2017-10-12' });
    expect(await readGraph(db, { cut: {} })).toEqual(retracted);
  });

  it('rebuilds to the same graph, edge rows and all', async () => {
    const rows = async () => [
      await db.selectFrom('graph_edges').selectAll().orderBy('edge_key').execute(),
      await db.selectFrom('graph_edge_dates').selectAll().orderBy('edge_key').orderBy('date_key').execute(),
    ];
    const [graphBefore, rowsBefore] = [await readGraph(db), await rows()];
    expect(rowsBefore.every((table) => table.length > 0)).toBe(true);
    await story.engine().rebuild('graph');
    expect(await rows()).toEqual(rowsBefore);
    expect(await readGraph(db)).toEqual(graphBefore);
  });
});

/** A small world, and random facts about it with corrections and retractions: what the incremental graph must sum up exactly. */
const ORGANISATIONS = ['ours', 'partner-org', 'ministry', 'chamber'];
const PEOPLE = ['governor', 'minister'];
const DATES = ['2010', '2016', '2017-03', '2017-10', '2017-10-12', '2018-05'];

type Step =
  | { kind: 'meeting'; cooperation: 'region' | 'organisation'; type: string; date: string; participants: { organisationId?: string; personId?: string }[] }
  | { kind: 'membership'; one: string; other: string; date: string }
  | { kind: 'role'; person: string; organisation: string; date: string; ended: boolean }
  | { kind: 'correction'; target: number; date: string; participants?: { organisationId?: string; personId?: string }[] }
  | { kind: 'retraction'; target: number };

const participant = fc.record({ organisationId: fc.constantFrom(...ORGANISATIONS), personId: fc.constantFrom(...PEOPLE) }, { requiredKeys: [] });
const date = fc.constantFrom(...DATES);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('meeting' as const), cooperation: fc.constantFrom('region' as const, 'organisation' as const), type: fc.constantFrom('MeetingHeld', 'ContactEstablished', 'DelegationVisited', 'FairAttended'), date, participants: fc.array(participant, { maxLength: 3 }) }),
  fc.record({ kind: fc.constant('membership' as const), one: fc.constantFrom(...ORGANISATIONS), other: fc.constantFrom(...ORGANISATIONS), date }),
  fc.record({ kind: fc.constant('role' as const), person: fc.constantFrom(...PEOPLE), organisation: fc.constantFrom(...ORGANISATIONS), date, ended: fc.boolean() }),
  fc.record({ kind: fc.constant('correction' as const), target: fc.nat(), date, participants: fc.option(fc.array(participant, { maxLength: 3 }), { nil: undefined }) }),
  fc.record({ kind: fc.constant('retraction' as const), target: fc.nat() }),
);

function eventsOf(steps: readonly Step[]): ProjectedEvent[] {
  const events: ProjectedEvent[] = [];
  const revisions = new Map<string, number>();
  const facts: { cooperation: string; entryId: string; type: string }[] = [];
  const add = (streamId: string, type: string, data: Record<string, unknown>) => {
    const revision = revisions.get(streamId) ?? 0;
    revisions.set(streamId, revision + 1);
    const commit = BigInt(events.length + 1);
    events.push({ eventId: randomUUID(), streamId, revision: BigInt(revision), position: { commit, prepare: commit }, type, data, createdMs: Date.UTC(2024, 0, 1) + events.length });
  };
  add('region-russia', 'RegionRegistered', { regionId: 'russia', name: 'Russia', kind: 'country' });
  add('region-tatarstan', 'RegionRegistered', { regionId: 'tatarstan', name: 'Tatarstan', kind: 'federal-subject', parentRegionId: 'russia' });
  for (const id of ORGANISATIONS) add(`organisation-${id}`, 'OrganisationRegistered', { organisationId: id, name: id, kind: 'company', ...(id === 'ministry' ? { regionId: 'tatarstan' } : {}) });
  for (const id of PEOPLE) add(`person-${id}`, 'PersonRegistered', { personId: id, name: id });
  add('cooperation-region', 'CooperationOpened', { cooperationId: 'region', ourOrganisationId: 'ours', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2010' });
  add('cooperation-organisation', 'CooperationOpened', { cooperationId: 'organisation', ourOrganisationId: 'ours', partner: { kind: 'organisation', id: 'partner-org' }, openedOn: '2016' });
  steps.forEach((next, index) => {
    const entryId = `entry-${index}`;
    if (next.kind === 'meeting') {
      const data = next.type === 'FairAttended' ? { fairId: 'fair', edition: '2017', role: 'visitor' } : { participants: next.participants.map((p) => ({ name: 'someone', level: 'official', ...p })) };
      add(`cooperation-${next.cooperation}`, next.type, { entryId, occurredOn: next.date, ...data });
      facts.push({ cooperation: next.cooperation, entryId, type: next.type });
    } else if (next.kind === 'membership') {
      add('cooperation-organisation', 'MembershipCrossLinked', { entryId, organisationId: next.one, otherOrganisationId: next.other, since: next.date });
      facts.push({ cooperation: 'organisation', entryId, type: 'MembershipCrossLinked' });
    } else if (next.kind === 'role') {
      const data = { personId: next.person, organisationId: next.organisation, role: 'Head', level: 'minister' };
      add(`person-${next.person}`, next.ended ? 'RoleEnded' : 'RoleAssumed', next.ended ? { ...data, until: next.date } : { ...data, from: next.date });
    } else if (facts.length > 0) {
      const fact = facts[next.target % facts.length];
      if (next.kind === 'retraction') add(`cooperation-${fact.cooperation}`, 'EntryRetracted', { entryId: fact.entryId, reason: 'wrong' });
      else {
        const field = fact.type === 'MembershipCrossLinked' ? { since: next.date } : { occurredOn: next.date };
        const participants = next.participants && fact.type !== 'MembershipCrossLinked' && fact.type !== 'FairAttended' ? { participants: next.participants.map((p) => ({ name: 'someone', level: 'official', ...p })) } : {};
        add(`cooperation-${fact.cooperation}`, 'FactCorrected', { entryId: fact.entryId, corrections: { ...field, ...participants }, reason: 'minutes' });
      }
    }
  });
  return events;
}

describe.each(readModelStores())('the graph kept up batch by batch, on %s', (_name, scratchStore) => {
  let scratch: ScratchStore;
  let store: ReadModelDatabase;
  let run = 0;

  beforeAll(async () => {
    scratch = await scratchStore();
    store = await openReadModelDatabase(scratch.target);
  });

  afterAll(async () => {
    await store?.close();
    await scratch?.cleanUp();
  });

  async function projectInBatches(events: readonly ProjectedEvent[], cuts: readonly number[]): Promise<void> {
    run += 1;
    const projections: Projection[] = [timelineProjection.create(), graphProjection.create()];
    const db = store.db as unknown as ProjectionDb;
    for (const projection of projections) {
      for (const table of projection.tables) await db.schema.dropTable(table).ifExists().execute();
      await projection.createTables(db, `p${run}`, store.kind);
      await projection.load(db);
    }
    const bounds = [...new Set([0, ...cuts.map((cut) => cut % (events.length + 1)), events.length])].sort((a, b) => a - b);
    for (let index = 0; index + 1 < bounds.length; index += 1) {
      const batch = events.slice(bounds[index], bounds[index + 1]);
      await store.db.transaction().execute(async (trx) => {
        for (const projection of projections) await projection.apply(batch, trx as unknown as ProjectionDb, store.kind);
      });
    }
  }

  it('equals the graph folded from the current entries, however the events are split into batches', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 6 }), async (steps, cuts) => {
        await projectInBatches(eventsOf(steps), cuts);
        const db = store.db as unknown as ProjectionDb;
        expect(await readGraph(db)).toEqual(await readGraph(db, { cut: {} }));
        expect(await db.selectFrom('graph_edge_dates').select('edge_key').where('occurrences', '<=', 0).execute()).toEqual([]);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
