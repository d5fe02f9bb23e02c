import { expectProblem, TestApi, useTestApi } from '../support/api.harness';

describe('the HTTP edge, by default', () => {
  const api = useTestApi();

  it('sends security headers on every answer', async () => {
    for (const path of ['/health', '/timeline', '/nowhere']) {
      const { headers } = await api().get(path);
      expect({
        path,
        nosniff: headers.get('x-content-type-options'),
        frame: headers.get('x-frame-options'),
        hsts: headers.get('strict-transport-security'),
        csp: headers.get('content-security-policy'),
        referrer: headers.get('referrer-policy'),
        poweredBy: headers.get('x-powered-by'),
      }).toEqual({
        path,
        nosniff: 'nosniff',
        frame: 'SAMEORIGIN',
        hsts: expect.stringMatching(/max-age=\d+/),
        csp: expect.stringContaining("frame-ancestors 'none'"),
        referrer: 'no-referrer',
        poweredBy: null,
      });
    }
  });

  it('keeps CORS off: no Access-Control-* headers for another origin, and no preflight route', async () => {
    const response = await api().get('/timeline', { origin: 'https://elsewhere.example.org' });
    expect(response.status).toBe(200);
    expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const preflight = await api().request('OPTIONS', '/regions', { headers: { origin: 'https://elsewhere.example.org', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('does not limit the rate when RATE_LIMIT_PER_MINUTE is off (the test default)', async () => {
    const statuses = await Promise.all(Array.from({ length: 30 }, () => api().get('/timeline')));
    expect(statuses.every((response) => response.status === 200)).toBe(true);
    expect(statuses[0].headers.get('x-ratelimit-limit')).toBeNull();
  });
});

describe('the HTTP edge, configured', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start({ RATE_LIMIT_PER_MINUTE: '5', MAX_BODY_BYTES: '2048', CORS_ORIGINS: 'https://app.example.org' });
  }, 30_000);

  afterAll(async () => {
    await api.stop();
  });

  it('limits each token to RATE_LIMIT_PER_MINUTE requests a minute: 429 with Retry-After, other tokens unaffected', async () => {
    const [first, second] = [await api.issueToken({ subject: 'busy', role: 'viewer' }), await api.issueToken({ subject: 'calm', role: 'viewer' })];
    const busy = api.withToken(first);
    const answers = [];
    for (let request = 0; request < 6; request++) answers.push(await busy.get('/timeline'));
    expect(answers.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(answers[0].headers.get('x-ratelimit-limit')).toBe('5');
    const limited = answers[5];
    expectProblem(limited, 429, 'TOO_MANY_REQUESTS');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await api.withToken(second).get('/timeline')).status).toBe(200);
  });

  it('limits requests without a valid token by client address, so guessing tokens is limited too', async () => {
    const statuses = [];
    for (let request = 0; request < 6; request++) statuses.push((await api.withToken(`kt_${'1'.repeat(16)}_${'C'.repeat(43)}`).get('/timeline')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('refuses a body larger than MAX_BODY_BYTES with 413 before reading it', async () => {
    const token = await api.issueToken({ subject: 'writer', role: 'editor' });
    const response = await api.withToken(token).post('/regions', { name: 'K'.repeat(3000), kind: 'city' });
    expectProblem(response, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers browsers from CORS_ORIGINS, and only those', async () => {
    const preflight = await api.request('OPTIONS', '/regions', {
      headers: { authorization: '', origin: 'https://app.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    const other = await api.request('OPTIONS', '/regions', { headers: { authorization: '', origin: 'https://elsewhere.example.org', 'access-control-request-method': 'POST' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
