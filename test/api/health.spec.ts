import { expectProblem, useTestApi } from '../support/api.harness';

describe('GET /health', () => {
  describe('with the embedded event store', () => {
    const api = useTestApi();

    it('answers 200 with the event store reachable', async () => {
      const response = await api().get('/health');
      expect({ status: response.status, body: response.body }).toEqual({
        status: 200,
        body: { status: 'ok', eventStore: { reachable: true, mode: 'embedded', latencyMs: expect.any(Number) } },
      });
    });
  });

  describe('with an external event store that is down', () => {
    // Port 1 is privileged and unused here, so the connection is refused at once.
    const api = useTestApi({ EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:1?tls=false' });

    it('refuses commands with 503 and Retry-After as problem+json while the event store is unreachable', async () => {
      const response = await api().post('/regions', { name: 'Kazan', kind: 'city' });
      expectProblem(response, 503, 'EVENT_STORE_UNAVAILABLE');
      expect(response.headers.get('retry-after')).toBe('1');
    });

    it('answers 503 with the event store unreachable', async () => {
      const response = await api().get('/health');
      expect({ status: response.status, body: response.body }).toEqual({
        status: 503,
        body: { status: 'unavailable', eventStore: { reachable: false, mode: 'external', error: expect.any(String) } },
      });
    });
  });
});
