import {
  cooperationStatusAtCut,
  dateKeyOfText,
  readCooperationStatus,
  readRegionStatus,
  regionStatusAtCut,
  TIMELINE_ENTRIES,
  STATUS_TABLES,
  statusProjection,
  timelineProjection,
  type HistoryCut,
  type ProjectionDb,
} from '@app/projections';
import { sql } from 'kysely';
import { useTestApi } from '../support/api.harness';
import { useProjectedStory } from '../support/projected-story';
import { readModelStores } from '../support/read-model-stores';

const TATARSTAN_COOPERATION = 'logistics-network--tatarstan';
const RUSSIA_COOPERATION = 'logistics-network--russia';
/** The reference day of every query here: momentum counts the twelve months to December 2017. */
const DAY = dateKeyOfText('2017-12-31');

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(readModelStores())('cooperation status per region, on %s', (_name, scratchStore) => {
  const api = useTestApi();
  const story = useProjectedStory(api, scratchStore, [timelineProjection, statusProjection]);
  const { record } = story;
  let db: ProjectionDb;
  /** A moment after the story was recorded and before the correction. */
  let beforeCorrectionMs: number;
  const statusOf = (regionId: string, cut?: HistoryCut) => readRegionStatus(db, regionId, { ...(cut ? { cut } : {}), dayKey: DAY });

  beforeAll(() => {
    db = story.db();
  });

  it('shows Tatarstan exploring since October 2017, first met at the Intec and Z fairs in March 2017', async () => {
    const status = await statusOf('tatarstan');
    expect(status).toMatchObject({
      regionId: 'tatarstan',
      name: 'Republic of Tatarstan',
      stage: 'exploring',
      stageSince: '2017-10',
      cooperations: [{ cooperationId: TATARSTAN_COOPERATION, ourOrganisationId: 'logistics-network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017-03', stage: 'exploring', stageSince: '2017-10' }],
      firstContact: { entryId: 'first-contact', cooperationId: TATARSTAN_COOPERATION, occurredOn: '2017-03', summary: expect.stringContaining('President') },
      lastInteraction: { occurredOn: '2017-10', interactions: 2 },
      meetings: { total: 1, byLevel: { minister: 1, 'head-of-state': 0 } },
      delegationVisits: { inbound: 0, outbound: 1 },
      momentum: { interactions: 3, from: '2017-01', to: '2017-12-31' },
      fairs: [],
      openOpportunityCount: 0,
    });
    expect(status?.people).toEqual([{ id: 'president-tatarstan', name: 'Rustam Minnikhanov', mentions: 1 }]);
    expect(status?.organisations).toEqual([
      { id: 'logistics-network', name: 'Netzwerk Logistik Leipzig-Halle', mentions: 4 },
      { id: 'tatarstan-transport-ministry', name: 'Ministry of Transport and Roads of Tatarstan', mentions: 1 },
    ]);
  });

  it("shows Russia with Tatarstan's cooperation and the TransRussia exhibitions since 2010", async () => {
    const status = await statusOf('russia');
    expect(status?.cooperations.map((cooperation) => [cooperation.cooperationId, cooperation.stage])).toEqual([
      [RUSSIA_COOPERATION, 'contact'],
      [TATARSTAN_COOPERATION, 'exploring'],
    ]);
    expect(status).toMatchObject({ stage: 'exploring', meetings: { total: 1 }, delegationVisits: { outbound: 1 }, firstContact: { occurredOn: '2017-03' } });
    expect(status?.fairs).toEqual([{ fairId: 'transrussia', name: 'TransRussia', attendances: 1, editions: ['TransRussia 2010'] }]);
  });

  it("counts a cooperation for its partner's side only, and knows no region it was not told of", async () => {
    // The network lies in Leipzig-Halle, but no cooperation has a partner there; the association has no region.
    expect(await statusOf('leipzig-halle')).toMatchObject({ stage: null, cooperations: [], meetings: { total: 0 }, people: [], organisations: [] });
    expect(await statusOf('kazan')).toMatchObject({ cooperations: [] });
    expect(await statusOf('atlantis')).toBeUndefined();
    expect(await statusOf('atlantis', {})).toBeUndefined();
  });

  it('gives the status of one cooperation, and nothing for an unknown one', async () => {
    const status = await readCooperationStatus(db, TATARSTAN_COOPERATION, { dayKey: DAY });
    expect(status).toMatchObject({ cooperationId: TATARSTAN_COOPERATION, stage: 'exploring', stageSince: '2017-10', meetings: { total: 1 }, firstContact: { entryId: 'first-contact' } });
    expect(await readCooperationStatus(db, 'no-such-cooperation', { dayKey: DAY })).toBeUndefined();
    expect(await readCooperationStatus(db, 'no-such-cooperation', { cut: {}, dayKey: DAY })).toBeUndefined();
  });

  it('answers alike from the precomputed rows and from a replay of the whole history (an empty cut)', async () => {
    for (const region of ['tatarstan', 'russia', 'germany', 'leipzig-halle']) expect(await statusOf(region, {})).toEqual(await statusOf(region));
    for (const cooperation of [TATARSTAN_COOPERATION, RUSSIA_COOPERATION, 'logistics-network--german-russian-association']) {
      expect(await readCooperationStatus(db, cooperation, { cut: {}, dayKey: DAY })).toEqual(await readCooperationStatus(db, cooperation, { dayKey: DAY }));
    }
  });

  it('shows Tatarstan as of 30 June 2017: at contact, before the Kazan visit', async () => {
    const status = await statusOf('tatarstan', { asOf: dateKeyOfText('2017-06-30') });
    expect(status).toMatchObject({
      stage: 'contact',
      stageSince: '2017-03',
      firstContact: { occurredOn: '2017-03' },
      lastInteraction: { occurredOn: '2017-03', interactions: 1 },
      meetings: { total: 0 },
      delegationVisits: { outbound: 0 },
      momentum: { interactions: 1, to: '2017-06-30' },
    });
    expect(status?.organisations.map((organisation) => organisation.id)).toEqual(['logistics-network']);
    const russia = await statusOf('russia', { asOf: dateKeyOfText('2009-12-31') });
    expect(russia).toMatchObject({ stage: null, cooperations: [], fairs: [] });
  });

  it('follows a correction of the meeting to 12 October 2017, and still shows what we knew before it', async () => {
    await sleep(5);
    beforeCorrectionMs = Date.now();
    await sleep(5);
    await record(`/cooperations/${TATARSTAN_COOPERATION}/corrections`, { entryId: 'kazan-minister-meeting', corrections: { occurredOn: '2017-10-12' }, reason: 'Minutes give the exact day' });
    expect(await statusOf('tatarstan')).toMatchObject({ lastInteraction: { occurredOn: '2017-10-12', interactions: 1 }, meetings: { total: 1, byLevel: { minister: 1 } } });
    expect(await statusOf('russia')).toMatchObject({ lastInteraction: { occurredOn: '2017-10-12', interactions: 1 } });
    expect(await statusOf('tatarstan', { knownAtMs: beforeCorrectionMs })).toMatchObject({ lastInteraction: { occurredOn: '2017-10', interactions: 2 } });
    expect(await statusOf('tatarstan', {})).toEqual(await statusOf('tatarstan'));
  });

  it('takes a retracted meeting out of the counts', async () => {
    await record(`/cooperations/${TATARSTAN_COOPERATION}/retractions`, { entryId: 'kazan-minister-meeting', reason: 'Recorded under the wrong cooperation' });
    for (const region of ['tatarstan', 'russia']) {
      const status = await statusOf(region);
      expect(status).toMatchObject({ meetings: { total: 0, byLevel: { minister: 0 } }, lastInteraction: { occurredOn: '2017-10', interactions: 1 }, momentum: { interactions: 2 } });
      expect(status?.organisations.map((organisation) => organisation.id)).not.toContain('tatarstan-transport-ministry');
      expect(await statusOf(region, {})).toEqual(status);
    }
    // As we knew it before the correction: the meeting, in October, uncorrected.
    expect(await statusOf('tatarstan', { knownAtMs: beforeCorrectionMs })).toMatchObject({ meetings: { total: 1 }, lastInteraction: { occurredOn: '2017-10', interactions: 2 } });
  });

  it('lists an opportunity as open until its cooperation ends', async () => {
    await record(`/cooperations/${RUSSIA_COOPERATION}/opportunities`, { entryId: 'moscow-terminal', title: 'Container terminal in Moscow', occurredOn: '2017-11' });
    await record(`/cooperations/${RUSSIA_COOPERATION}/opportunities`, { entryId: 'rail-link', title: 'Rail link', occurredOn: '2017-11-20' });
    expect(await statusOf('russia')).toMatchObject({ openOpportunityCount: 2, openOpportunities: [{ entryId: 'rail-link' }, { entryId: 'moscow-terminal' }] });
    await record(`/cooperations/${RUSSIA_COOPERATION}/retractions`, { entryId: 'rail-link', reason: 'A rumour' });
    expect(await statusOf('russia')).toMatchObject({ openOpportunityCount: 1, openOpportunities: [{ entryId: 'moscow-terminal', title: 'Container terminal in Moscow', cooperationId: RUSSIA_COOPERATION }] });
    expect(await statusOf('tatarstan')).toMatchObject({ openOpportunityCount: 0, openOpportunities: [] });
    await record(`/cooperations/${RUSSIA_COOPERATION}/stage-changes`, { to: 'ended', occurredOn: '2017-12', reason: 'No exhibitions since' });
    expect(await statusOf('russia')).toMatchObject({ openOpportunityCount: 0, openOpportunities: [], stage: 'exploring' });
    expect(await readCooperationStatus(db, RUSSIA_COOPERATION, { dayKey: DAY })).toMatchObject({ stage: 'ended', stageSince: '2017-12', openOpportunityCount: 0 });
    expect(await statusOf('russia', {})).toEqual(await statusOf('russia'));
    expect(await statusOf('russia', { asOf: dateKeyOfText('2017-11-30') })).toMatchObject({ openOpportunityCount: 1 });
  });

  it('gives the same status, from the same rows, after a rebuild of the status projection', async () => {
    const regions = ['russia', 'tatarstan', 'kazan', 'germany'];
    const before = await Promise.all(regions.map((region) => statusOf(region)));
    const cooperation = await readCooperationStatus(db, TATARSTAN_COOPERATION, { dayKey: DAY });
    // Built batch by batch as the story was told; the rebuild reads it all in one batch.
    const rows = await statusRows();
    await story.engine().rebuild('status');
    expect(await Promise.all(regions.map((region) => statusOf(region)))).toEqual(before);
    expect(await readCooperationStatus(db, TATARSTAN_COOPERATION, { dayKey: DAY })).toEqual(cooperation);
    expect(await statusRows()).toEqual(rows);
    if (_name === 'PostgreSQL') {
      // The tables swapped in are vacuumed and analysed by the rebuild, not left to autovacuum's timing.
      const stats = await sql<{ relname: string; vacuumed: boolean; analysed: boolean }>`
        SELECT relname, last_vacuum IS NOT NULL AS vacuumed, last_analyze IS NOT NULL AS analysed FROM pg_stat_user_tables WHERE relname = ANY(${[...STATUS_TABLES]})`.execute(db);
      expect(stats.rows.map((row) => row.relname).sort()).toEqual([...STATUS_TABLES].sort());
      expect(stats.rows.filter((row) => !row.vacuumed || !row.analysed)).toEqual([]);
    }
  }, 30_000);

  it('answers asOf each month from 2009 to 2018, summed from before the cut or taken back from now, as the replay from the timeline does', async () => {
    // Early cuts sum the entries before the cut; late ones (fewer interactions after than before) take the later
    // entries and the cooperations not yet opened out of the current counts. With a second Russian cooperation's visits of
    // 2011-2015, cuts from 2014 to February 2017 take the late way while Tatarstan's cooperation (opened 2017-03) is not yet open. A
    // replay of the timeline as known now is the other way to the same answer.
    const rail = 'logistics-network--russia-rail';
    await record('/cooperations', { id: rail, ourOrganisationId: 'logistics-network', partner: { kind: 'region', id: 'russia' }, openedOn: '2011-01' });
    for (const year of [2011, 2012, 2013, 2014, 2015]) {
      await record(`/cooperations/${rail}/delegation-visits`, {
        direction: 'inbound',
        occurredOn: `${year}-05`,
        destination: { name: 'Leipzig', regionId: 'germany' },
        participants: [{ name: 'Russian delegation', level: 'executive' }],
        purpose: 'TransRussia follow-up',
      });
    }
    const now = Date.now();
    for (let year = 2009; year <= 2018; year++) {
      for (const month of ['01', '04', '07', '10']) {
        const asOf = dateKeyOfText(`${year}-${month}-15`);
        for (const region of ['russia', 'tatarstan', 'germany']) {
          const summed = await statusOf(region, { asOf });
          expect({ region, asOf, status: summed }).toEqual({ region, asOf, status: await regionStatusAtCut(db, region, { asOf }, asOf) });
          // With a moment after everything was recorded: the same, summed the other way round (the moment's side holds all).
          expect({ region, asOf, status: await statusOf(region, { asOf, knownAtMs: now }) }).toEqual({ region, asOf, status: summed });
        }
      }
    }
    const russia = await statusOf('russia', { asOf: dateKeyOfText('2016-06-30') });
    expect(russia).toMatchObject({ delegationVisits: { inbound: 5 } });
    expect(russia?.cooperations.map((cooperation) => cooperation.cooperationId)).toEqual([RUSSIA_COOPERATION, rail]);
  }, 30_000);

  it('answers knownAt every moment the story was recorded at, alone and with asOf, summed from the status rows, as the replay from the timeline does', async () => {
    // By now the story holds a correction and a retraction (each replacing a version), stage changes and cooperations
    // opened at different moments. Each moment a version became known, and the moment before it, is a cut whose
    // answer differs from its neighbours'; early cuts sum what was known by then, late ones take what was recorded
    // later out of the current counts.
    const moments = ((await db.selectFrom(TIMELINE_ENTRIES).select('known_from').distinct().execute()) as { known_from: number | string }[]).map((row) => Number(row.known_from));
    expect(moments.length).toBeGreaterThan(20);
    const cuts = [0, ...moments.flatMap((moment) => [moment - 1, moment]), Date.now()];
    let differing = 0;
    let previous: unknown;
    for (const knownAtMs of cuts) {
      for (const region of ['russia', 'tatarstan', 'kazan', 'germany', 'leipzig-halle']) {
        const summed = await statusOf(region, { knownAtMs });
        expect({ region, knownAtMs, status: summed }).toEqual({ region, knownAtMs, status: await regionStatusAtCut(db, region, { knownAtMs }, DAY) });
        if (region === 'russia' && JSON.stringify(summed) !== JSON.stringify(previous)) differing += 1;
        if (region === 'russia') previous = summed;
        // What we knew at the moment about the world as of a day: before Tatarstan's first contact, in the middle of
        // the story, and after it.
        for (const asOf of [dateKeyOfText('2013-06-30'), dateKeyOfText('2017-10-11'), dateKeyOfText('2017-12-31')]) {
          const cut = { asOf, knownAtMs };
          expect({ region, cut, status: await statusOf(region, cut) }).toEqual({ region, cut, status: await regionStatusAtCut(db, region, cut, asOf) });
        }
      }
      for (const cooperation of [TATARSTAN_COOPERATION, RUSSIA_COOPERATION, 'logistics-network--russia-rail']) {
        const summed = await readCooperationStatus(db, cooperation, { cut: { knownAtMs }, dayKey: DAY });
        expect({ cooperation, knownAtMs, status: summed }).toEqual({ cooperation, knownAtMs, status: await cooperationStatusAtCut(db, cooperation, { knownAtMs }, DAY) });
        const cut = { asOf: dateKeyOfText('2017-10-11'), knownAtMs };
        expect({ cooperation, cut, status: await readCooperationStatus(db, cooperation, { cut, dayKey: DAY }) }).toEqual({
          cooperation,
          cut,
          status: await cooperationStatusAtCut(db, cooperation, cut, cut.asOf),
        });
      }
    }
    // The cuts do see the history grow: Russia's status changes at many of them.
    expect(differing).toBeGreaterThan(10);
  }, 60_000);

  /** Every row of the status projection's tables, JSON parsed, in a stable order. */
  async function statusRows(): Promise<Record<string, unknown[]>> {
    const tables: Record<string, unknown[]> = {};
    for (const table of STATUS_TABLES) {
      const rows = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
      tables[table] = rows
        .map((row) => Object.fromEntries(Object.entries(row).map(([column, value]) => [column, typeof value === 'string' && /^[[{]/.test(value) ? JSON.parse(value) : String(value)])))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    }
    return tables;
  }
});
