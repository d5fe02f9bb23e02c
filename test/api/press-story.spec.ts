import { useTestApi } from '../support/api.harness';
import { PRESS_STORY_POSTS as POSTS } from '../support/press-story';

// Replays the `post <path> '<json>'` lines of the README's curl walk-through against a fresh API, so the documented
// story is exactly what the API accepts.

describe('the press story of README.md, through the API', () => {
  const api = useTestApi();

  it('documents the story in at least the expected number of commands', () => {
    expect(POSTS.length).toBeGreaterThanOrEqual(25);
  });

  it('records every fact of the story with 201', async () => {
    for (const { path, body } of POSTS) {
      const response = await api().as('editor', 'anna.schmidt').post(path, body, { 'X-Correlation-Id': 'press-story' });
      expect({ path, status: response.status, problem: response.status === 201 ? undefined : response.body }).toEqual({ path, status: 201, problem: undefined });
    }
  });

  it('reads back Tatarstan: first contact in March 2017, Kazan in October 2017, now exploring', async () => {
    const response = await api().get('/cooperations/logistics-network--tatarstan');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"5"');
    expect(response.body).toMatchObject({
      id: 'logistics-network--tatarstan',
      ourOrganisationId: 'logistics-network',
      partner: { kind: 'region', id: 'tatarstan' },
      openedOn: '2017-03',
      stage: 'exploring',
      stageChangedOn: '2017-10',
      version: 5,
    });
    expect(response.body.entries.map((entry: { entryId: string; type: string }) => [entry.entryId, entry.type])).toEqual([
      ['first-contact', 'ContactEstablished'],
      ['kazan-delegation', 'DelegationVisited'],
      ['kazan-minister-meeting', 'MeetingHeld'],
    ]);
  });

  it('reads back the TransRussia exhibitions known only to the year, and the 2016 cross-membership', async () => {
    const russia = (await api().get('/cooperations/logistics-network--russia')).body;
    expect(russia.entries).toEqual([expect.objectContaining({ entryId: 'transrussia-2010', occurredOn: '2010', role: 'exhibitor' })]);
    const association = (await api().get('/cooperations/logistics-network--german-russian-association')).body;
    expect(association.entries).toEqual([expect.objectContaining({ entryId: 'cross-membership', since: '2016' })]);
  });

  it('applies the documented correction once, even when retried', async () => {
    const headers = { 'If-Match': '"5"', 'Idempotency-Key': '0b6f7c9e-correct-meeting-date' };
    const body = { entryId: 'kazan-minister-meeting', corrections: { occurredOn: '2017-10-12' }, reason: 'Minutes give the exact day' };
    const first = await api().post('/cooperations/logistics-network--tatarstan/corrections', body, headers);
    const retry = await api().post('/cooperations/logistics-network--tatarstan/corrections', body, headers);
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body).toEqual(first.body);
    const cooperation = (await api().get('/cooperations/logistics-network--tatarstan')).body;
    expect(cooperation.version).toBe(6);
    expect(cooperation.entries).toContainEqual(expect.objectContaining({ entryId: 'kazan-minister-meeting', occurredOn: '2017-10-12' }));
  });
});
