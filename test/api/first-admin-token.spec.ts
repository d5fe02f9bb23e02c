import { stat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AggregateEventStore } from '@app/event-store';
import { EventStoreNode } from '@app/event-store-node/event-store-node';
import { recordingLogger } from '../support/event-store-node.harness';
import { TestApi } from '../support/api.harness';

const ACCESS_STREAM = 'access-tokens';
const TOKEN = /kt_[0-9a-f]{16}_[A-Za-z0-9_-]{43}/;

/** The log lines that show a token in full. */
const linesShowingAToken = (api: TestApi) => api.logs().filter((line) => TOKEN.test(JSON.stringify(line)));

describe('the first admin token', () => {
  it('is created on first start: printed once, written to <DATA_DIR>/admin-token readable by this user only, and granted as an event', async () => {
    const api = await TestApi.start();
    try {
      const file = join(api.dataDir, 'admin-token');
      const token = (await readFile(file, 'utf8')).trim();
      expect(token).toMatch(new RegExp(`^${TOKEN.source}$`));
      expect((await stat(file)).mode & 0o777).toBe(0o600);

      const shown = linesShowingAToken(api);
      expect(shown).toHaveLength(1);
      expect(shown[0]).toMatchObject({ token, file });

      const { events } = await api.app.get(AggregateEventStore).load(ACCESS_STREAM);
      expect(events.map((recorded) => recorded.event.type)).toEqual(['AccessGranted']);
      expect(events[0].event.data).toMatchObject({ subject: 'admin', role: 'admin', tokenId: token.split('_')[1] });
      expect(events[0].metadata).toMatchObject({ actor: { id: 'kontakt:first-start', role: 'admin' }, reason: expect.stringMatching(/first start/) });
      expect((await api.withToken(token).get('/tokens')).status).toBe(200);
    } finally {
      await api.stop();
    }
  });

  it('is not created again when the API starts on the same data', async () => {
    const first = await TestApi.start();
    const file = join(first.dataDir, 'admin-token');
    const token = (await readFile(file, 'utf8')).trim();
    await first.stop({ keepData: true });
    const second = await TestApi.start({}, { dataDir: first.dataDir });
    try {
      expect((await readFile(file, 'utf8')).trim()).toBe(token);
      expect(linesShowingAToken(second)).toEqual([]);
      const { events } = await second.app.get(AggregateEventStore).load(ACCESS_STREAM);
      expect(events.map((recorded) => recorded.event.type)).toEqual(['AccessGranted']);
      expect((await second.withToken(token).get('/tokens')).status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  describe('with two replicas on one event store', () => {
    let node: EventStoreNode;
    let replicas: TestApi[] = [];

    beforeAll(async () => {
      node = await EventStoreNode.start({ host: '127.0.0.1', port: 0, memory: true, logger: recordingLogger() });
      const env = { EVENTSTORE_CONNECTION_STRING: node.connectionString };
      replicas = await Promise.all([TestApi.start(env), TestApi.start(env)]);
    }, 30_000);

    afterAll(async () => {
      await Promise.all(replicas.map((replica) => replica.stop()));
      await node.stop();
    });

    it('grants the first access once, however they race', async () => {
      const { events } = await replicas[0].app.get(AggregateEventStore).load(ACCESS_STREAM);
      expect(events.map((recorded) => recorded.event.type)).toEqual(['AccessGranted']);
      const shown = replicas.map((replica) => linesShowingAToken(replica).length);
      expect(shown.sort()).toEqual([0, 1]);
    });

    it('sees a token issued through the other replica, and its revocation, within moments', async () => {
      const winner = replicas.find((replica) => linesShowingAToken(replica).length === 1)!;
      const admin = linesShowingAToken(winner)[0].token as string;
      const [one, other] = replicas.map((replica) => replica.withToken(admin));
      const issued = await one.post('/tokens', { subject: 'replicated', role: 'viewer' });
      expect(issued.status).toBe(201);
      const viaOther = replicas[1].withToken(issued.body.token);
      expect(await eventually(async () => (await viaOther.get('/projections')).status, 200)).toBe(200);

      expect((await other.post(`/tokens/${issued.body.id}/revocation`, {})).status).toBe(201);
      expect((await viaOther.get('/projections')).status).toBe(401);
      const viaOne = replicas[0].withToken(issued.body.token);
      expect(await eventually(async () => (await viaOne.get('/projections')).status, 401)).toBe(401);
    });
  });
});

/** `expected` once `probe` answers it, within two seconds; else the last answer. */
async function eventually<T>(probe: () => Promise<T>, expected: T): Promise<T> {
  let last = await probe();
  for (let attempt = 0; attempt < 40 && last !== expected; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await probe();
  }
  return last;
}
