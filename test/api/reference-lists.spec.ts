import { expectProblem, useTestApi } from '../support/api.harness';
import { recordPressStory } from '../support/press-story';
import { readModelStores } from '../support/read-model-stores';

describe.each(readModelStores())('lists of regions and cooperations, read models on %s', (_store, scratchStore) => {
  const api = useTestApi({ READ_YOUR_WRITES_TIMEOUT_MS: '3000' }, scratchStore);

  it('lists every region with its parent and every cooperation with its sides and stage, once recorded', async () => {
    expect((await api().get('/regions')).body).toEqual({ items: [] });
    expect((await api().get('/cooperations')).body).toEqual({ items: [] });
    const last = await recordPressStory(api());

    const regions = await api().get(`/regions?minPosition=${last}`);
    expect(regions.status).toBe(200);
    expect(regions.body.items.map((region: { id: string }) => region.id)).toEqual(['germany', 'kazan', 'leipzig', 'leipzig-halle', 'mitteldeutschland', 'moscow', 'russia', 'tatarstan']);
    expect(regions.body.items).toContainEqual({ id: 'tatarstan', name: 'Republic of Tatarstan', kind: 'federal-subject', parentRegionId: 'russia' });
    expect(regions.body.items).toContainEqual({ id: 'russia', name: 'Russian Federation', kind: 'country', parentRegionId: null });

    const cooperations = await api().get('/cooperations', { 'X-Min-Position': last });
    expect(cooperations.body.items).toEqual([
      expect.objectContaining({ id: 'logistics-network--german-russian-association', partner: { kind: 'organisation', id: 'german-russian-association', name: 'German-Russian business association' }, stage: 'contact' }),
      expect.objectContaining({ id: 'logistics-network--russia', openedOn: '2010', stage: 'contact', stageSince: '2010' }),
      {
        id: 'logistics-network--tatarstan',
        ourOrganisationId: 'logistics-network',
        ourOrganisationName: 'Netzwerk Logistik Leipzig-Halle',
        partner: { kind: 'region', id: 'tatarstan', name: 'Republic of Tatarstan' },
        openedOn: '2017-03',
        stage: 'exploring',
        stageSince: '2017-10',
      },
    ]);
  }, 60_000);

  it('refuses parameters other than minPosition, naming them', async () => {
    expectProblem(await api().get('/regions?minPosition=soon'), 400, 'INVALID_REQUEST', 'minPosition');
    expectProblem(await api().get('/regions?parent=russia'), 400, 'INVALID_REQUEST', 'parent');
    expectProblem(await api().get('/cooperations?stage=active'), 400, 'INVALID_REQUEST', 'stage');
  });
});
