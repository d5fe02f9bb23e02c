import { ACTOR_ROLES, type ActorRole } from '../../apps/api/src/request-context/request-context';
import { useTestApi, type ApiResponse, type Requester } from '../support/api.harness';
import { readModelStores } from '../support/read-model-stores';

// Walks the whole route table, as Fastify registered it, with every role, with no token and with a bad one, and
// checks the access decision of each. A route missing from ROUTES fails this test, so a new route must say here who
// may call it. Route parameters are fake ids: an allowed call may well answer 400 or 404, which is not what is tested
// here; only that it got past the access guard (not 401/403), or was refused with exactly 401 or 403.

type Rule = 'public' | 'query' | 'command' | 'audit' | 'admin';

/** Who may, written out rather than taken from the code under test. */
const ALLOWED: Record<Rule, readonly ActorRole[]> = {
  public: ['viewer', 'editor', 'auditor', 'admin'],
  query: ['viewer', 'editor', 'auditor', 'admin'],
  command: ['editor', 'admin'],
  audit: ['auditor', 'admin'],
  admin: ['admin'],
};

/** Every route: its rule and the concrete path to call it on. */
const ROUTES: Record<string, { rule: Rule; path: string }> = {
  'GET /health': { rule: 'public', path: '/health' },
  'GET /health/live': { rule: 'public', path: '/health/live' },
  'GET /health/ready': { rule: 'public', path: '/health/ready' },
  'GET /metrics': { rule: 'public', path: '/metrics' },
  'GET /docs': { rule: 'public', path: '/docs' },
  'GET /docs/': { rule: 'public', path: '/docs/' },
  'GET /docs/*': { rule: 'public', path: '/docs/swagger-ui.css' },
  'GET /docs/openapi.json': { rule: 'public', path: '/docs/openapi.json' },
  'GET /docs/openapi.yaml': { rule: 'public', path: '/docs/openapi.yaml' },
  'GET /docs/swagger-ui-init.js': { rule: 'public', path: '/docs/swagger-ui-init.js' },
  'GET /docs/docs/swagger-ui-init.js': { rule: 'public', path: '/docs/docs/swagger-ui-init.js' },
  'GET /docs/index.html': { rule: 'public', path: '/docs/index.html' },
  'GET /docs/LICENSE': { rule: 'public', path: '/docs/LICENSE' },
  'GET /': { rule: 'public', path: '/' },
  'GET /ui': { rule: 'public', path: '/ui' },
  'GET /ui/*': { rule: 'public', path: '/ui/index.html' },

  'GET /audit': { rule: 'audit', path: '/audit' },
  'GET /audit/verify': { rule: 'audit', path: '/audit/verify' },
  'GET /audit/entities/:stream': { rule: 'audit', path: '/audit/entities/region-matrix-probe' },

  'POST /tokens': { rule: 'admin', path: '/tokens' },
  'GET /tokens': { rule: 'admin', path: '/tokens' },
  'GET /tokens/:id': { rule: 'admin', path: '/tokens/0000000000000000' },
  'POST /tokens/:id/revocation': { rule: 'admin', path: '/tokens/0000000000000000/revocation' },

  'POST /regions': { rule: 'command', path: '/regions' },
  'GET /regions/:id': { rule: 'query', path: '/regions/matrix-probe' },
  'POST /organisations': { rule: 'command', path: '/organisations' },
  'POST /organisations/:id/renames': { rule: 'command', path: '/organisations/matrix-probe/renames' },
  'GET /organisations/:id': { rule: 'query', path: '/organisations/matrix-probe' },
  'POST /people': { rule: 'command', path: '/people' },
  'POST /people/:id/roles': { rule: 'command', path: '/people/matrix-probe/roles' },
  'POST /people/:id/role-endings': { rule: 'command', path: '/people/matrix-probe/role-endings' },
  'POST /people/:id/erasure': { rule: 'admin', path: '/people/matrix-probe/erasure' },
  'GET /people/:id': { rule: 'query', path: '/people/matrix-probe' },
  'POST /fairs': { rule: 'command', path: '/fairs' },
  'GET /fairs/:id': { rule: 'query', path: '/fairs/matrix-probe' },
  'POST /cooperations': { rule: 'command', path: '/cooperations' },
  'POST /cooperations/:id/contacts': { rule: 'command', path: '/cooperations/matrix-probe/contacts' },
  'POST /cooperations/:id/meetings': { rule: 'command', path: '/cooperations/matrix-probe/meetings' },
  'POST /cooperations/:id/fair-attendances': { rule: 'command', path: '/cooperations/matrix-probe/fair-attendances' },
  'POST /cooperations/:id/cross-memberships': { rule: 'command', path: '/cooperations/matrix-probe/cross-memberships' },
  'POST /cooperations/:id/delegation-visits': { rule: 'command', path: '/cooperations/matrix-probe/delegation-visits' },
  'POST /cooperations/:id/opportunities': { rule: 'command', path: '/cooperations/matrix-probe/opportunities' },
  'POST /cooperations/:id/stage-changes': { rule: 'command', path: '/cooperations/matrix-probe/stage-changes' },
  'POST /cooperations/:id/corrections': { rule: 'command', path: '/cooperations/matrix-probe/corrections' },
  'POST /cooperations/:id/retractions': { rule: 'command', path: '/cooperations/matrix-probe/retractions' },
  'GET /cooperations/:id': { rule: 'query', path: '/cooperations/matrix-probe' },
  'POST /imports': { rule: 'command', path: '/imports' },

  'GET /timeline': { rule: 'query', path: '/timeline' },
  'GET /regions/:id/timeline': { rule: 'query', path: '/regions/matrix-probe/timeline' },
  'GET /organisations/:id/timeline': { rule: 'query', path: '/organisations/matrix-probe/timeline' },
  'GET /people/:id/timeline': { rule: 'query', path: '/people/matrix-probe/timeline' },
  'GET /cooperations/:id/timeline': { rule: 'query', path: '/cooperations/matrix-probe/timeline' },
  'GET /regions/:id/status': { rule: 'query', path: '/regions/matrix-probe/status' },
  'GET /cooperations/:id/status': { rule: 'query', path: '/cooperations/matrix-probe/status' },
  'GET /graph': { rule: 'query', path: '/graph' },
  'GET /regions': { rule: 'query', path: '/regions' },
  'GET /cooperations': { rule: 'query', path: '/cooperations' },
  'GET /regions/:id/timeline.svg': { rule: 'query', path: '/regions/matrix-probe/timeline.svg' },
  'GET /cooperations/:id/timeline.svg': { rule: 'query', path: '/cooperations/matrix-probe/timeline.svg' },
  'GET /projections': { rule: 'query', path: '/projections' },
  'GET /projections/:name': { rule: 'query', path: '/projections/no-such-projection' },
  'POST /projections/:name/rebuild': { rule: 'admin', path: '/projections/no-such-projection/rebuild' },
};

const BAD_TOKEN = `kt_${'f'.repeat(16)}_${'B'.repeat(43)}`;

describe.each(readModelStores())('the authorization matrix: every route × every role, no token and a bad token, read models on %s', (_store, scratchStore) => {
  const api = useTestApi({}, scratchStore);

  // Until the projections' first builds are done, readiness rightly answers 503 (and the read models' routes may too):
  // the matrix is about access decisions, so it starts on a started API.
  beforeAll(async () => {
    for (const deadline = Date.now() + 60_000; (await api().get('/health/ready')).status !== 200; ) {
      if (Date.now() > deadline) throw new Error('the API did not become ready within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 70_000);

  /** Fastify's route table, less the HEAD routes it adds for each GET. */
  const registeredRoutes = (): string[] => [...new Set(api().routes.filter((route) => route.method !== 'HEAD').map((route) => `${route.method} ${route.url}`))];

  it('knows every route the API registered, and registers every route it knows', () => {
    expect(registeredRoutes().filter((route) => !(route in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((route) => !registeredRoutes().includes(route))).toEqual([]);
  });

  const callers = (): Record<string, Requester> => ({
    'no token': api().withToken(undefined),
    'a bad token': api().withToken(BAD_TOKEN),
    ...Object.fromEntries(ACTOR_ROLES.map((role) => [role, api().as(role, `matrix-${role}`)])),
  });

  const call = (caller: Requester, route: string): Promise<ApiResponse> => {
    const method = route.split(' ')[0];
    const { path } = ROUTES[route];
    return method === 'GET' ? caller.get(path) : caller.request(method, path, { body: {} });
  };

  it('lets through exactly the roles each route allows, answers 401 without a valid token and 403 to any other role', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const route of registeredRoutes().filter((known) => known in ROUTES)) {
      const { rule } = ROUTES[route];
      for (const [name, caller] of Object.entries(callers())) {
        const response = await call(caller, route);
        const isRole = (ACTOR_ROLES as readonly string[]).includes(name);
        const allowed = rule === 'public' || (isRole && ALLOWED[rule].includes(name as ActorRole));
        const refusal = allowed ? 'passes' : isRole ? '403' : '401';
        // Past the guard, a fake id may get 400 or 404, but never a server error.
        const got = response.status === 401 || response.status === 403 || response.status >= 500 ? String(response.status) : 'passes';
        expected.push(`${route} as ${name}: ${refusal}`);
        outcomes.push(`${route} as ${name}: ${got}${got === 'passes' || got === refusal ? '' : ` (${JSON.stringify(response.body)})`}`);
        if (got === '401') expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="kontakt"/);
        if (got !== 'passes') expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }
    }
    expect(outcomes).toEqual(expected);
  }, 60_000);

  it('documents bearer authentication in the OpenAPI document, with /health open', async () => {
    const document = (await api().get('/docs/openapi.json')).body;
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/health'].get.security).toEqual([]);
    expect(document.paths['/regions'].post.responses).toHaveProperty('401');
    expect(JSON.stringify(document)).not.toMatch(/X-Actor/);
  });

  it('appends nothing for any refused call', async () => {
    const appended = await api().eventsAppendedBy(async () => {
      for (const route of Object.keys(ROUTES).filter((known) => ROUTES[known].rule !== 'public')) {
        await call(api().withToken(BAD_TOKEN), route);
        await call(api().withToken(undefined), route);
      }
    });
    expect(appended).toBe(0);
  });
});
