import { namesFor, timelineProjection, type TimelineItem } from '@app/projections';
import { useTestApi } from '../support/api.harness';
import { useProjectedStory } from '../support/projected-story';
import { readModelStores } from '../support/read-model-stores';

/** A timeline item carrying `data` as an entry would; only `data` matters to the names lookup. */
const itemWith = (data: Record<string, unknown>): TimelineItem => ({
  entryKey: `MeetingHeld:${JSON.stringify(data).length}`,
  type: 'MeetingHeld',
  occurredOn: '2017-10',
  precision: 'month',
  state: 'current',
  version: 1,
  data,
  recorded: { at: '2017-10-05T10:00:00.000Z', by: 'test', position: '1' },
  corrections: [],
} as unknown as TimelineItem);

describe.each(readModelStores())('display names of what timeline items name, on %s', (_name, scratchStore) => {
  const api = useTestApi();
  const story = useProjectedStory(api, scratchStore, [timelineProjection]);

  it('names each id under the kind its field says, parents, partners and nested participants included', async () => {
    const names = await namesFor(story.db(), [
      itemWith({ place: { name: 'Kazan', regionId: 'kazan' }, participants: [{ organisationId: 'tatarstan-transport-ministry', personId: 'president-tatarstan' }] }),
      itemWith({ parentRegionId: 'russia', otherOrganisationId: 'german-russian-association', ourOrganisationId: 'logistics-network', fairId: 'intec-z' }),
      itemWith({ partner: { kind: 'region', id: 'tatarstan' } }),
    ]);
    expect(names).toEqual({
      region: { kazan: 'Kazan', russia: 'Russian Federation', tatarstan: 'Republic of Tatarstan' },
      organisation: {
        'tatarstan-transport-ministry': 'Ministry of Transport and Roads of Tatarstan',
        'german-russian-association': 'German-Russian business association',
        'logistics-network': 'Netzwerk Logistik Leipzig-Halle',
      },
      person: { 'president-tatarstan': 'Rustam Minnikhanov' },
      fair: { 'intec-z': 'Intec and Z' },
    });
  });

  it('looks up an id under its sibling kind only, and a bare id of no named kind under every kind', async () => {
    // A region called like an organisation must not lend its name to the organisation partner.
    const partnered = await namesFor(story.db(), [itemWith({ partner: { kind: 'organisation', id: 'kazan' } })]);
    expect(partnered).toEqual({ region: {}, organisation: {}, person: {}, fair: {} });
    const registered = await namesFor(story.db(), [itemWith({ id: 'transrussia', kind: 'annual' })]);
    expect(registered.fair).toEqual({ transrussia: 'TransRussia' });
  });

  it('answers for more ids than one statement may carry, and leaves unknown ids out', async () => {
    const unknown = Array.from({ length: 40_000 }, (_, index) => ({ personId: `nobody-${index}` }));
    const names = await namesFor(story.db(), [itemWith({ participants: [...unknown, { personId: 'president-tatarstan' }], regionId: 'no-such-region' })]);
    expect(names.person).toEqual({ 'president-tatarstan': 'Rustam Minnikhanov' });
    expect(names.region).toEqual({});
  });
});
