import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../../apps/api/src/app.module';
import { loadAppConfig } from '../../apps/api/src/config/app-config';
import { configureApp } from '../../apps/api/src/http/configure-app';
import { createHttpAdapter } from '../../apps/api/src/http/create-http-adapter';

async function startApi(env: Record<string, string>): Promise<NestFastifyApplication> {
  const config = loadAppConfig(env);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(config), { logger: false });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  return app;
}

async function getHealth(app: NestFastifyApplication): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${await app.getUrl()}/health`);
  return { status: response.status, body: await response.json() };
}

describe('GET /health', () => {
  describe('with the embedded event store', () => {
    let dataDir: string;
    let app: NestFastifyApplication;

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'kontakt-api-'));
      app = await startApi({ DATA_DIR: dataDir });
    });

    afterAll(async () => {
      await app?.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('answers 200 with the event store reachable', async () => {
      expect(await getHealth(app)).toEqual({
        status: 200,
        body: { status: 'ok', eventStore: { reachable: true, mode: 'embedded', latencyMs: expect.any(Number) } },
      });
    });
  });

  describe('with an external event store that is down', () => {
    let app: NestFastifyApplication;

    beforeAll(async () => {
      // Port 1 is privileged and unused here, so the connection is refused at once.
      app = await startApi({ EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:1?tls=false', DATA_DIR: tmpdir() });
    });

    afterAll(async () => {
      await app?.close();
    });

    it('refuses commands with 503 and Retry-After as problem+json while the event store is unreachable', async () => {
      const response = await fetch(`${await app.getUrl()}/regions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Kazan', kind: 'city' }),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({ code: 'EVENT_STORE_UNAVAILABLE', status: 503 });
    });

    it('answers 503 with the event store unreachable', async () => {
      expect(await getHealth(app)).toEqual({
        status: 503,
        body: { status: 'unavailable', eventStore: { reachable: false, mode: 'external', error: expect.any(String) } },
      });
    });
  });
});
