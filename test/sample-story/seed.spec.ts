/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read loosely; the assertions check their shape. */
import { KontaktClient } from '@app/api-client';
import {
  PRESIDENTS_OF_TATARSTAN,
  PRESS_RELEASE_KAZAN_2017,
  SAMPLE_STORY,
  SAMPLE_STORY_CORRELATION_ID,
  SampleStoryRefusedError,
  seedSampleStory,
  type SeedResult,
} from '@app/sample-story';
import { useTestApi } from '../support/api.harness';
import { readModelStores } from '../support/read-model-stores';

const PRESS_RELEASE = PRESS_RELEASE_KAZAN_2017;
/** How an entry that takes no source object names its source: in its reason, title and address. */
const reasonCiting = (source: { title: string; url?: string }) =>
  expect.stringMatching(new RegExp(`Source: .*${escaped(source.title)}.* ${escaped(source.url ?? '')}$`));
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A timeline item as a reader of the story looks at it: what, when, how precisely, on whose word. */
function asRead(item: any): Record<string, unknown> {
  return {
    type: item.type,
    occurredOn: item.occurredOn,
    precision: item.precision,
    state: item.state,
    ...(item.entryId === undefined ? {} : { entryId: item.entryId }),
    ...(item.recorded.source === undefined ? { reason: item.recorded.reason } : { source: item.recorded.source }),
  };
}

describe.each(readModelStores())('the sample story, seeded through the public API (%s)', (_name, scratchStore) => {
  const api = useTestApi({}, scratchStore);
  const client = () => new KontaktClient({ url: api().url, token: api().adminToken });
  const progress: [number, number, string][] = [];
  let seeded: SeedResult;
  let appended = 0;
  const query = (path: string) => `${path}${path.includes('?') ? '&' : '?'}minPosition=${seeded.lastPosition}`;

  beforeAll(async () => {
    appended = await api().eventsAppendedBy(async () => {
      seeded = await seedSampleStory(client(), { onProgress: (done, total, label) => progress.push([done, total, label]) });
    });
  }, 60_000);

  it('records every fact once, one event each, reporting progress fact by fact', () => {
    expect(seeded).toEqual({ facts: SAMPLE_STORY.length, recorded: SAMPLE_STORY.length, alreadyPresent: 0, lastPosition: expect.stringMatching(/^[1-9]\d*$/) });
    expect(appended).toBe(SAMPLE_STORY.length);
    expect(progress).toEqual(SAMPLE_STORY.map((step, index) => [index + 1, SAMPLE_STORY.length, step.label]));
    expect(progress[1]).toEqual([2, SAMPLE_STORY.length, 'Region Republic of Tatarstan']);
  });

  it("answers Tatarstan's timeline: the President's role, first contact in March 2017, Kazan in October 2017, each on its source", async () => {
    const response = await client().get<any>(query('/regions/tatarstan/timeline'));
    expect(response.body.items.map(asRead)).toEqual([
      { type: 'RoleAssumed', occurredOn: '2010-03-25', precision: 'day', state: 'recorded', reason: reasonCiting(PRESIDENTS_OF_TATARSTAN) },
      { type: 'CooperationOpened', occurredOn: '2017-03', precision: 'month', state: 'recorded', reason: reasonCiting(PRESS_RELEASE) },
      { type: 'ContactEstablished', occurredOn: '2017-03', precision: 'month', state: 'recorded', entryId: 'first-contact', source: PRESS_RELEASE },
      { type: 'DelegationVisited', occurredOn: '2017-10', precision: 'month', state: 'recorded', entryId: 'kazan-delegation', source: PRESS_RELEASE },
      { type: 'MeetingHeld', occurredOn: '2017-10', precision: 'month', state: 'recorded', entryId: 'kazan-minister-meeting', source: PRESS_RELEASE },
      { type: 'CooperationStageChanged', occurredOn: '2017-10', precision: 'month', state: 'recorded', reason: reasonCiting(PRESS_RELEASE) },
    ]);
    const [, , contact, visit, meeting, stage] = response.body.items;
    expect(contact.data).toMatchObject({
      occasion: { fairId: 'intec-z' },
      place: { regionId: 'leipzig' },
      participants: [{ personId: 'rustam-minnikhanov', name: 'Rustam Minnikhanov', level: 'head-of-state' }],
    });
    expect(visit.data).toMatchObject({ direction: 'outbound', destination: { name: 'Kazan', regionId: 'kazan' } });
    expect(meeting.data.participants).toContainEqual(
      expect.objectContaining({ personId: 'lenar-safin', name: 'Lenar Rinatovich Safin', organisationId: 'tatarstan-transport-ministry', level: 'minister' }),
    );
    expect(stage.data).toMatchObject({ from: 'contact', to: 'exploring' });
    expect(response.body.names.person).toEqual({ 'lenar-safin': 'Lenar Rinatovich Safin', 'rustam-minnikhanov': 'Rustam Minnikhanov' });
    // One correlation id ties the whole story together in the audit trail.
    expect(new Set(response.body.items.map((item: any) => item.recorded.correlationId))).toEqual(new Set([SAMPLE_STORY_CORRELATION_ID]));
  });

  it("answers Tatarstan's status: exploring since 2017-10, first contact 2017-03, a minister met, one delegation out", async () => {
    const status = (await client().get<any>(query('/regions/tatarstan/status'))).body;
    expect(status).toMatchObject({
      regionId: 'tatarstan',
      stage: 'exploring',
      stageSince: '2017-10',
      cooperations: [{ cooperationId: 'logistics-network--tatarstan', openedOn: '2017-03', stage: 'exploring', stageSince: '2017-10' }],
      firstContact: { entryId: 'first-contact', occurredOn: '2017-03' },
      lastInteraction: { occurredOn: '2017-10', interactions: 2 },
      meetings: { total: 1, byLevel: { 'head-of-state': 0, minister: 1, executive: 0, working: 0, unspecified: 0 } },
      delegationVisits: { inbound: 0, outbound: 1 },
      fairs: [],
      crossMembershipCount: 0,
      openOpportunityCount: 0,
    });
    expect(status.organisations).toEqual([
      { id: 'logistics-network', name: 'Netzwerk Logistik Leipzig-Halle', mentions: 3 },
      { id: 'tatarstan-government', name: 'Government of the Republic of Tatarstan', mentions: 1 },
      { id: 'tatarstan-transport-ministry', name: 'Ministry of Transport and Road Facilities of the Republic of Tatarstan', mentions: 1 },
    ]);
    expect(status.people).toEqual([
      { id: 'lenar-safin', name: 'Lenar Rinatovich Safin', mentions: 1 },
      { id: 'rustam-minnikhanov', name: 'Rustam Minnikhanov', mentions: 1 },
    ]);
  });

  it('answers Tatarstan as it stood at cuts: at contact in mid-2017, three interactions in the year to October 2017', async () => {
    const midYear = (await client().get<any>(query('/regions/tatarstan/status?asOf=2017-06-30'))).body;
    expect(midYear).toMatchObject({ stage: 'contact', stageSince: '2017-03', meetings: { total: 0 }, delegationVisits: { outbound: 0 }, firstContact: { occurredOn: '2017-03' } });
    const october = (await client().get<any>(query('/regions/tatarstan/status?asOf=2017-10-31'))).body;
    expect(october).toMatchObject({ stage: 'exploring', momentum: { interactions: 3 } });
  });

  it('shows the Leipzig-Halle side: the whole history of the network of about 130 members on its region’s timeline', async () => {
    const timeline = (await client().get<any>(query('/regions/leipzig-halle/timeline'))).body;
    expect(timeline.items.map((item: any) => [item.type, item.occurredOn, item.precision, item.entryId ?? null])).toEqual([
      ['CooperationOpened', '2010', 'year', null],
      ['FairAttended', '2010', 'year', 'transrussia-2010'],
      ['CooperationOpened', '2016', 'year', null],
      ['MembershipCrossLinked', '2016', 'year', 'cross-membership'],
      ['CooperationOpened', '2017-03', 'month', null],
      ['ContactEstablished', '2017-03', 'month', 'first-contact'],
      ['DelegationVisited', '2017-10', 'month', 'kazan-delegation'],
      ['MeetingHeld', '2017-10', 'month', 'kazan-minister-meeting'],
      ['CooperationStageChanged', '2017-10', 'month', null],
    ]);
    expect(timeline.items[1].data).toMatchObject({ fairId: 'transrussia', edition: 'TransRussia 2010', role: 'exhibitor' });
    expect(timeline.items[3].data).toMatchObject({ organisationId: 'logistics-network', otherOrganisationId: 'german-russian-association', since: '2016' });
    expect((await client().get<any>('/organisations/logistics-network')).body).toMatchObject({ kind: 'network', regionId: 'leipzig-halle', memberCount: 130 });
    const russia = (await client().get<any>(query('/regions/russia/status'))).body;
    expect(russia.fairs).toEqual([expect.objectContaining({ fairId: 'transrussia' })]);
  });

  it('appends nothing when seeded again, and reports every fact as already present', async () => {
    const before = (await api().allEvents()).length;
    const again = await seedSampleStory(client());
    expect((await api().allEvents()).length).toBe(before);
    expect(again).toEqual({ facts: SAMPLE_STORY.length, recorded: 0, alreadyPresent: SAMPLE_STORY.length, lastPosition: seeded.lastPosition });
    expect((await client().get<any>(query('/regions/tatarstan/timeline'))).body.items).toHaveLength(6);
  });

  it('stops at the first fact the API refuses, naming it, and appends nothing', async () => {
    const viewer = new KontaktClient({ url: api().url, token: await api().issueToken({ subject: 'sample-story-viewer', role: 'viewer' }) });
    let refusal: unknown;
    const appendedByViewer = await api().eventsAppendedBy(async () => {
      refusal = await seedSampleStory(viewer).catch((error: unknown) => error);
    });
    expect(appendedByViewer).toBe(0);
    expect(refusal).toBeInstanceOf(SampleStoryRefusedError);
    expect((refusal as Error).message).toMatch(/^sample story, fact 1 of 26 \(Region Russian Federation, POST \/regions\): refused: 403 FORBIDDEN/);
  });
});

describe('the sample story over facts recorded by other means', () => {
  const api = useTestApi();

  it('counts a registration made identically without its key as present, and names the first one recorded differently', async () => {
    expect((await api().post('/regions', { id: 'russia', name: 'Russian Federation', kind: 'country' })).status).toBe(201);
    expect((await api().post('/regions', { id: 'tatarstan', name: 'Tatarstan', kind: 'federal-subject', parentRegionId: 'russia' })).status).toBe(201);
    const progress: number[] = [];
    let refusal: unknown;
    const appended = await api().eventsAppendedBy(async () => {
      const client = new KontaktClient({ url: api().url, token: api().adminToken });
      refusal = await seedSampleStory(client, { onProgress: (done) => progress.push(done) }).catch((error: unknown) => error);
    });
    expect(progress).toEqual([1]);
    expect(appended).toBe(0);
    expect(refusal).toBeInstanceOf(SampleStoryRefusedError);
    expect((refusal as Error).message).toBe(
      'sample story, fact 2 of 26 (Region Republic of Tatarstan, POST /regions): already recorded differently (GET /regions/tatarstan): name is "Tatarstan", the story has "Republic of Tatarstan"',
    );
  });
});
