import { AggregateEventStore } from '@app/event-store';
import { expectProblem, useTestApi, type ApiResponse } from '../support/api.harness';
import { readModelStores } from '../support/read-model-stores';

const ACCESS_STREAM = 'access-tokens';

describe.each(readModelStores())('API tokens: issue, use, list, revoke, expire, read models on %s', (_store, scratchStore) => {
  const api = useTestApi({}, scratchStore);

  const accessEvents = async () => (await api().app.get(AggregateEventStore).load(ACCESS_STREAM)).events;

  it('issues a token shown once, with which its subject then acts in its role', async () => {
    const issued = await api().post('/tokens', { subject: 'anna.schmidt', role: 'editor', reason: 'Joins the Tatarstan desk' });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{16}$/), subject: 'anna.schmidt', role: 'editor', status: 'active', issuedBy: { id: 'admin', role: 'admin' } });
    expect(issued.body.token).toMatch(new RegExp(`^kt_${issued.body.id}_[A-Za-z0-9_-]{43}$`));
    expect(issued.headers.get('cache-control')).toBe('no-store');
    expect(issued.headers.get('location')).toBe(`/tokens/${issued.body.id}`);

    const recorded = await api().withToken(issued.body.token).post('/regions', { name: 'Kazan', kind: 'city' });
    expect(recorded.status).toBe(201);
    const [stored] = (await api().app.get(AggregateEventStore).load(`region-${recorded.body.id}`)).events;
    expect(stored.metadata.actor).toEqual({ id: 'anna.schmidt', role: 'editor' });
    // An editor records facts but may not hand out access.
    expectProblem(await api().withToken(issued.body.token).post('/tokens', { subject: 'someone', role: 'admin' }), 403, 'FORBIDDEN');
  });

  it('records the issue as AccessGranted by the admin who issued it, with the reason, keeping only a digest of the secret', async () => {
    const issued = await api().post('/tokens', { subject: 'auditor.one', role: 'auditor', reason: 'Annual audit 2026' });
    const granted = (await accessEvents()).find((recorded) => recorded.eventId === issued.body.eventIds[0])!;
    expect(granted.event).toEqual({
      type: 'AccessGranted',
      data: { tokenId: issued.body.id, subject: 'auditor.one', role: 'auditor', secretSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(granted.metadata).toMatchObject({ actor: { id: 'admin', role: 'admin' }, reason: 'Annual audit 2026' });
    const secret = (issued.body.token as string).split('_').slice(2).join('_');
    expect(JSON.stringify({ event: granted.event, metadata: granted.metadata })).not.toContain(secret);
  });

  it('lists tokens without their secrets or digests', async () => {
    const issued = await api().post('/tokens', { subject: 'viewer.one', role: 'viewer', expiresAt: '2099-01-01T00:00:00Z' });
    const list = await api().get('/tokens');
    expect(list.status).toBe(200);
    const listed = list.body.tokens.find((token: { id: string }) => token.id === issued.body.id);
    expect(listed).toEqual({
      id: issued.body.id,
      subject: 'viewer.one',
      role: 'viewer',
      status: 'active',
      issuedAt: expect.any(String),
      issuedBy: { id: 'admin', role: 'admin' },
      expiresAt: '2099-01-01T00:00:00Z',
    });
    const digests = (await accessEvents()).map((recorded) => (recorded.event.data as { secretSha256?: string }).secretSha256).filter(Boolean) as string[];
    const text = JSON.stringify(list.body);
    expect(text).not.toContain((issued.body.token as string).slice(20));
    for (const digest of digests) expect(text).not.toContain(digest);
    expect((await api().get(`/tokens/${issued.body.id}`)).body).toEqual(listed);
  });

  it('refuses a revoked token at once, and records who revoked it and why', async () => {
    const issued = await api().post('/tokens', { subject: 'leaving.colleague', role: 'editor' });
    const holder = api().withToken(issued.body.token);
    expect((await holder.get('/timeline')).status).toBe(200);

    const revoked = await api().post(`/tokens/${issued.body.id}/revocation`, { reason: 'Left the network' });
    expect(revoked.status).toBe(201);
    expect(revoked.body).toMatchObject({ id: issued.body.id, status: 'revoked', revokedBy: { id: 'admin', role: 'admin' }, revocationReason: 'Left the network' });

    const refused = await holder.get('/timeline');
    expectProblem(refused, 401, 'UNAUTHENTICATED', 'Authorization');
    expect(refused.body.detail).toMatch(/revoked/);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer realm="kontakt", error="invalid_token"/);
    const [event] = (await accessEvents()).filter((recorded) => recorded.eventId === revoked.body.eventIds[0]);
    expect(event.event).toEqual({ type: 'TokenRevoked', data: { tokenId: issued.body.id } });
    expect(event.metadata).toMatchObject({ actor: { id: 'admin', role: 'admin' }, reason: 'Left the network' });
  });

  it('refuses to revoke twice (409), an unknown token (404) and a malformed id (400), appending nothing', async () => {
    const issued = await api().post('/tokens', { subject: 'twice', role: 'viewer' });
    await api().post(`/tokens/${issued.body.id}/revocation`, {});
    const answers: ApiResponse[] = [];
    const appended = await api().eventsAppendedBy(async () => {
      answers.push(await api().post(`/tokens/${issued.body.id}/revocation`, {}));
      answers.push(await api().post('/tokens/0123456789abcdef/revocation', {}));
      answers.push(await api().post('/tokens/not-a-token/revocation', {}));
    });
    expectProblem(answers[0], 409, 'TOKEN_ALREADY_REVOKED', 'id');
    expectProblem(answers[1], 404, 'TOKEN_NOT_FOUND', 'id');
    expectProblem(answers[2], 400, 'INVALID_REQUEST', 'id');
    expect(appended).toBe(0);
  });

  it('refuses an expired token', async () => {
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const issued = await api().post('/tokens', { subject: 'short.lived', role: 'viewer', expiresAt });
    expect(issued.status).toBe(201);
    expect((await api().withToken(issued.body.token).get('/timeline')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(expiresAt) - Date.now() + 50));
    const refused = await api().withToken(issued.body.token).get('/timeline');
    expectProblem(refused, 401, 'UNAUTHENTICATED');
    expect(refused.body.detail).toMatch(/expired/);
    expect((await api().get(`/tokens/${issued.body.id}`)).body.status).toBe('expired');
  });

  it('refuses a token whose secret was altered, and one that is not a token at all', async () => {
    const { body } = await api().post('/tokens', { subject: 'tampered', role: 'viewer' });
    const token = body.token as string;
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const bearer of [altered, 'kt_', 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln']) {
      const refused = await api().withToken(bearer).get('/timeline');
      expectProblem(refused, 401, 'UNAUTHENTICATED', 'Authorization');
    }
    expectProblem(await api().request('GET', '/timeline', { headers: { authorization: `Basic ${Buffer.from('admin:changeit').toString('base64')}` } }), 401, 'UNAUTHENTICATED');
  });

  it.each([
    ['an unknown role', { subject: 'x', role: 'king' }, 'role', 'INVALID_REQUEST'],
    ['no role', { subject: 'x' }, 'role', 'INVALID_REQUEST'],
    ['no subject', { role: 'viewer' }, 'subject', 'INVALID_REQUEST'],
    ['a subject with spaces', { subject: 'anna schmidt', role: 'viewer' }, 'subject', 'INVALID_REQUEST'],
    ['a subject of 129 characters', { subject: 'a'.repeat(129), role: 'viewer' }, 'subject', 'INVALID_REQUEST'],
    ['an expiry that is no timestamp', { subject: 'x', role: 'viewer', expiresAt: 'tomorrow' }, 'expiresAt', 'INVALID_REQUEST'],
    // Well-formed, so the domain's rule refuses it, with its own code.
    ['an expiry in the past', { subject: 'x', role: 'viewer', expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt', 'INVALID_FIELD'],
    ['an expiry without a time zone', { subject: 'x', role: 'viewer', expiresAt: '2099-01-01T00:00:00' }, 'expiresAt', 'INVALID_FIELD'],
    ['a field of its own choosing', { subject: 'x', role: 'viewer', secretSha256: 'a'.repeat(64) }, 'secretSha256', 'INVALID_REQUEST'],
  ])('refuses to issue a token with %s (400 naming the field), appending nothing', async (_case, body, field, code) => {
    let response: ApiResponse | undefined;
    const appended = await api().eventsAppendedBy(async () => {
      response = await api().post('/tokens', body);
    });
    expectProblem(response!, 400, code, field);
    expect(appended).toBe(0);
  });

  it('refuses Idempotency-Key on issue: a retry could not show the token again', async () => {
    const response = await api().post('/tokens', { subject: 'x', role: 'viewer' }, { 'Idempotency-Key': 'retry-1' });
    expectProblem(response, 400, 'INVALID_REQUEST', 'Idempotency-Key');
  });
});
