import fc from 'fast-check';
import { BACKWARDS, END } from '@eventstore/db-client';
import { useTestApi, type ApiResponse, type TestApi } from '../support/api.harness';
import { recordPressStory } from '../support/press-story';
import { apiOperations, type ApiOperation } from './support/api-operations';
import { fuzzRequest, type FuzzedRequest } from './support/fuzz-request.arbitrary';

/** How many generated requests; FUZZ_REQUESTS overrides (the issue asks for at least 10,000). */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
/** FUZZ_SEED replays a run (each run prints its seed). */
const SEED = process.env.FUZZ_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED);

/**
 * The whole API under fast-check generated requests: every documented operation, with path and query values that
 * are real ids, near misses, unicode, huge or hostile strings; bodies valid, mutated (wrong types, missing and
 * extra fields, huge strings), random JSON, or not JSON at all; and every kind of credential, good and bad. The
 * API must never answer 5xx, and a request it refuses must append nothing.
 */
describe('the API under generated requests', () => {
  const api = useTestApi();
  let operations: ApiOperation[];
  let credentials: Record<string, Record<string, string>>;

  beforeAll(async () => {
    await recordPressStory(api());
    operations = apiOperations((await api().get('/docs/openapi.json')).body);
    credentials = await credentialHeaders(api());
  }, 60_000);

  it(`answers ${REQUESTS} requests without a 5xx, and a refused request appends no event`, async () => {
    const statuses = new Map<number, number>();
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fuzzRequest(operations, Object.keys(credentials)), async (request) => {
        const before = await lastPosition(api());
        const response = await send(api(), request, credentials);
        const after = await lastPosition(api());
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect({ request: describeRequest(request), status: response.status < 500 ? 'below 500' : response.status }).toEqual({ request: describeRequest(request), status: 'below 500' });
        if (response.status >= 400) {
          refused += 1;
          expect({ request: describeRequest(request), status: response.status, appended: after !== before }).toEqual({ request: describeRequest(request), status: response.status, appended: false });
        }
      }),
      { numRuns: REQUESTS, endOnFailure: true, seed: SEED },
    );
    const byStatus = [...statuses.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`).join(', ');
    console.log(`fuzzed the API (seed ${SEED}) with ${REQUESTS} requests over ${operations.length} operations: ${refused} refused, no 5xx; by status ${byStatus}`);
    // The generator must reach past the front door, or the property says little about the handlers.
    expect([...statuses.keys()].some((status) => status >= 200 && status < 300)).toBe(true);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
  }, 30 * 60_000);

  it('leaves every projection healthy: no errors, caught up with what the accepted requests appended', async () => {
    const head = await lastPosition(api());
    const response = await api().get(`/projections?minPosition=${head}`);
    expect(response.status).toBe(200);
    expect(response.body.projections.map((projection: { name: string; lastError: unknown }) => [projection.name, projection.lastError])).toEqual(
      response.body.projections.map((projection: { name: string }) => [projection.name, null]),
    );
  });
});

/** Header sets by name: no credential, broken ones, and a real token per role. */
async function credentialHeaders(testApi: TestApi): Promise<Record<string, Record<string, string>>> {
  const headers: Record<string, Record<string, string>> = {
    none: { authorization: '' },
    'not a bearer': { authorization: 'Basic YWRtaW46YWRtaW4=' },
    'garbage bearer': { authorization: 'Bearer kt_nothing_here' },
    'malformed jwt': { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
    'empty bearer': { authorization: 'Bearer ' },
  };
  for (const role of ['viewer', 'editor', 'auditor', 'admin'] as const) {
    // A request made through `as` carries the role's real credential; keep its headers to replay them.
    headers[role] = await capturedHeaders(testApi, role);
  }
  return headers;
}

/** The headers `api.as(role)` sends, learned by asking it to make a harmless request. */
async function capturedHeaders(testApi: TestApi, role: 'viewer' | 'editor' | 'auditor' | 'admin'): Promise<Record<string, string>> {
  let seen: Record<string, string> = {};
  const original = testApi.request.bind(testApi);
  const spy = async (method: string, path: string, options: { headers?: Record<string, string> } = {}) => {
    seen = { ...options.headers };
    return original(method, path, options);
  };
  testApi.request = spy as typeof testApi.request;
  try {
    await testApi.as(role, `fuzz-${role}`).get('/health');
  } finally {
    testApi.request = original;
  }
  return seen;
}

function send(testApi: TestApi, request: FuzzedRequest, credentials: Record<string, Record<string, string>>): Promise<ApiResponse> {
  const headers = { ...credentials[request.credential], ...request.headers };
  if (request.body.kind === 'none') return testApi.request(request.method, request.path, { headers });
  if (request.body.kind === 'raw') return testApi.request(request.method, request.path, { headers: { 'content-type': request.body.contentType, ...headers }, rawBody: request.body.text });
  return testApi.request(request.method, request.path, { headers, body: request.body.value });
}

async function lastPosition(testApi: TestApi): Promise<string> {
  let last = 'empty';
  // Read to the end (one event) rather than return from inside the loop: an abandoned read keeps
  // @eventstore/db-client 6 from ever finishing client.dispose(), and the API would not stop.
  for await (const resolved of testApi.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })) {
    last = `${resolved.event?.position?.commit ?? resolved.commitPosition ?? ''}`;
  }
  return last;
}

function describeRequest(request: FuzzedRequest): string {
  const body = request.body.kind === 'none' ? '' : ` body ${JSON.stringify(request.body.kind === 'raw' ? request.body.text : request.body.value)?.slice(0, 300)}`;
  return `${request.method} ${request.path.slice(0, 300)} as ${request.credential}${body}`;
}
