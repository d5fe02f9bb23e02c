/* eslint-disable @typescript-eslint/no-explicit-any -- tests read response bodies loosely; their assertions check the shape. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { EventStoreDBClient, START, type ResolvedEvent } from '@eventstore/db-client';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../../apps/api/src/app.module';
import { loadAppConfig } from '../../apps/api/src/config/app-config';
import { configureApp } from '../../apps/api/src/http/configure-app';
import { createHttpAdapter } from '../../apps/api/src/http/create-http-adapter';
import { createJsonLogger } from '../../apps/api/src/logging/json-logger';
import { NestJsonLogger } from '../../apps/api/src/logging/nest-json-logger';

/** A response as a test looks at it: status, headers and the parsed JSON body (text when it is not JSON). */
export interface ApiResponse<Body = any> {
  status: number;
  headers: Headers;
  body: Body;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is, instead of JSON-encoding `body`. */
  rawBody?: string;
  headers?: Record<string, string>;
}

/**
 * The real API (AppModule, configureApp, Fastify) on a free loopback port, with its own embedded event-store node
 * and data folder, and every JSON log line it writes kept in `logLines`. HTTP in, HTTP out.
 */
export class TestApi {

  private constructor(
    readonly app: NestFastifyApplication,
    readonly url: string,
    private readonly dataDir: string,
    private readonly logBuffer: { text: string },
  ) {}

  static async start(env: Record<string, string> = {}): Promise<TestApi> {
    const dataDir = await mkdtemp(join(tmpdir(), 'kontakt-api-test-'));
    const config = loadAppConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env });
    const logBuffer = { text: '' };
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logBuffer.text += chunk.toString('utf8');
        done();
      },
    });
    const logger = createJsonLogger(config.logLevel, destination);
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    moduleRef.useLogger(new NestJsonLogger(logger));
    const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(config), { logger: new NestJsonLogger(logger) });
    configureApp(app);
    await app.listen(0, '127.0.0.1');
    return new TestApi(app, await app.getUrl(), dataDir, logBuffer);
  }

  get client(): EventStoreDBClient {
    return this.app.get(EventStoreDBClient);
  }

  async request<Body = any>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<Body>> {
    const hasBody = options.rawBody !== undefined || options.body !== undefined;
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: body as Body };
  }

  post<Body = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<Body>> {
    return this.request<Body>('POST', path, { body, headers });
  }

  get<Body = any>(path: string, headers?: Record<string, string>): Promise<ApiResponse<Body>> {
    return this.request<Body>('GET', path, { headers });
  }

  /** Every non-system event in the store, oldest first. */
  async allEvents(): Promise<ResolvedEvent[]> {
    const events: ResolvedEvent[] = [];
    for await (const event of this.client.readAll({ fromPosition: START })) {
      if (event.event && !event.event.streamId.startsWith('$')) events.push(event);
    }
    return events;
  }

  /** Runs `action` and returns how many events it appended to the store. */
  async eventsAppendedBy(action: () => Promise<unknown>): Promise<number> {
    const before = (await this.allEvents()).length;
    await action();
    return (await this.allEvents()).length - before;
  }

  /** The JSON log lines written so far. */
  logs(): Record<string, unknown>[] {
    return this.logBuffer.text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  async stop(): Promise<void> {
    await this.app.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** One API for the whole test file, started before its first test and stopped after its last. */
export function useTestApi(env: Record<string, string> = {}): () => TestApi {
  let api: TestApi | undefined;
  beforeAll(async () => {
    api = await TestApi.start(env);
  }, 30_000);
  afterAll(async () => {
    await api?.stop();
  });
  return () => {
    if (!api) throw new Error('the test API has not started');
    return api;
  };
}

let sequence = 0;

/** An id no other test in this process uses. */
export function uniqueId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${process.pid}-${sequence}`;
}

/** Asserts a problem+json answer with the given status, code and (optionally) field. */
export function expectProblem(response: ApiResponse, status: number, code: string, field?: string): void {
  expect({ status: response.status, contentType: response.headers.get('content-type') }).toEqual({
    status,
    contentType: expect.stringMatching(/^application\/problem\+json\b/),
  });
  expect(response.body).toMatchObject({ status, code, ...(field === undefined ? {} : { field }) });
  expect(typeof response.body.detail).toBe('string');
}

/** Posts `body` to `path` and expects it refused as a problem (status, and field and code when given), appending nothing. */
export async function expectRefused(api: TestApi, path: string, body: unknown, status: number, field?: string, code?: string): Promise<void> {
  let response: ApiResponse | undefined;
  const appended = await api.eventsAppendedBy(async () => {
    response = await api.post(path, body);
  });
  expectProblem(response!, status, code ?? response!.body?.code, field);
  expect(appended).toBe(0);
}
