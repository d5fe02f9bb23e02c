/* eslint-disable @typescript-eslint/no-explicit-any -- tests read response bodies loosely; their assertions check the shape. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
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
import type { ActorRole } from '../../apps/api/src/request-context/request-context';
import type { ScratchStore } from './read-model-stores';

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

/** Requests made as one actor: see TestApi.as. */
export interface Requester {
  request<Body = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<Body>>;
  get<Body = any>(path: string, headers?: Record<string, string>): Promise<ApiResponse<Body>>;
  post<Body = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<Body>>;
}

const UNKNOWN_TOKEN = `kt_${'0'.repeat(16)}_${'A'.repeat(43)}`;

/** A route as Fastify registered it: `GET /regions/:id`. */
export interface RegisteredRoute {
  method: string;
  url: string;
}

/**
 * The real API (AppModule, configureApp, Fastify) on a free loopback port, with its own embedded event-store node
 * and data folder, and every JSON log line it writes kept in `logLines`. HTTP in, HTTP out.
 *
 * Requests carry the first admin token the API wrote to its data folder on start-up, unless they name their own
 * Authorization header; `as(role)` acts with a token of that role, `withToken(token)` with a given one (or none).
 */
export class TestApi {
  private readonly minted = new Map<string, Promise<string>>();

  private constructor(
    readonly app: NestFastifyApplication,
    readonly url: string,
    readonly dataDir: string,
    private readonly logBuffer: { text: string },
    /** Every route Fastify registered, in order (HEAD routes included): the route table the matrix test walks. */
    readonly routes: readonly RegisteredRoute[],
    /** The first admin token, as read from `<DATA_DIR>/admin-token`. */
    readonly adminToken: string,
  ) {}

  /** Starts the API; rate limiting is off unless `env` sets RATE_LIMIT_PER_MINUTE, and `dataDir` may be reused. */
  static async start(env: Record<string, string> = {}, options: { dataDir?: string } = {}): Promise<TestApi> {
    const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'kontakt-api-test-')));
    const config = loadAppConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: 'off', ...env });
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
    const adapter = createHttpAdapter(config);
    const routes: RegisteredRoute[] = [];
    adapter.getInstance().addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) routes.push({ method, url: route.url ?? route.path });
    });
    const app = moduleRef.createNestApplication<NestFastifyApplication>(adapter, { logger: new NestJsonLogger(logger) });
    await configureApp(app);
    await app.listen(0, '127.0.0.1');
    // No file when the API could not reach its event store at start-up: requests then carry a token nobody issued.
    const adminToken = (await readFile(config.access.bootstrapTokenFile, 'utf8').catch(() => UNKNOWN_TOKEN)).trim();
    return new TestApi(app, await app.getUrl(), dataDir, logBuffer, routes, adminToken);
  }

  get client(): EventStoreDBClient {
    return this.app.get(EventStoreDBClient);
  }

  async request<Body = any>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<Body>> {
    const hasBody = options.rawBody !== undefined || options.body !== undefined;
    const ownAuthorization = Object.keys(options.headers ?? {}).some((name) => name.toLowerCase() === 'authorization');
    const headers: Record<string, string> = {
      ...(ownAuthorization ? {} : { authorization: `Bearer ${this.adminToken}` }),
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    };
    // An empty Authorization header stands for none at all.
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization' && headers[name] === '') delete headers[name];
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers,
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

  /**
   * The same API, called as an actor with `role` (and the id `actor`, default `test-<role>`). Tests that are about
   * who may do what use this, not headers of their own. The token is issued through POST /tokens by the first admin
   * on first use (one AccessGranted event) and reused for the same role and actor.
   */
  as(role: ActorRole, actor = `test-${role}`): Requester {
    const key = `${role} ${actor}`;
    const token = (): Promise<string> => {
      let minted = this.minted.get(key);
      if (minted === undefined) {
        minted = this.issueToken({ subject: actor, role });
        this.minted.set(key, minted);
        minted.catch(() => this.minted.delete(key));
      }
      return minted;
    };
    return this.requester(async () => `Bearer ${await token()}`);
  }

  /** Requests with the bearer `token` (any text, valid or not), or with no Authorization header when undefined. */
  withToken(token: string | undefined): Requester {
    return this.requester(() => Promise.resolve(token === undefined ? '' : `Bearer ${token}`));
  }

  /** Issues an API token as the first admin and returns it (the plaintext, shown once). */
  async issueToken(body: { subject: string; role: ActorRole; expiresAt?: string; reason?: string }): Promise<string> {
    const response = await this.post('/tokens', body);
    if (response.status !== 201) throw new Error(`POST /tokens answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body.token as string;
  }

  private requester(authorization: () => Promise<string>): Requester {
    const send = async (method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> =>
      this.request(method, path, { ...options, headers: { authorization: await authorization(), ...options.headers } });
    return {
      request: send,
      get: (path, headers) => send('GET', path, { headers }),
      post: (path, body, headers) => send('POST', path, { body, headers }),
    };
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

  /** Stops the API and removes its data folder, unless `keepData` (to start another API on it). */
  async stop(options: { keepData?: boolean } = {}): Promise<void> {
    await this.app.close();
    if (!options.keepData) await rm(this.dataDir, { recursive: true, force: true });
  }
}

/**
 * One API for the whole test file, started before its first test and stopped after its last. Its read models live in
 * SQLite under its data folder, or in the fresh store `scratchStore` makes (see readModelStores: a PostgreSQL
 * database of its own when READ_MODEL_URL is set).
 */
export function useTestApi(env: Record<string, string> = {}, scratchStore?: () => Promise<ScratchStore>): () => TestApi {
  let api: TestApi | undefined;
  let scratch: ScratchStore | undefined;
  beforeAll(async () => {
    scratch = await scratchStore?.();
    const target = scratch?.target;
    api = await TestApi.start({ ...env, ...(target?.kind === 'postgres' ? { READ_MODEL_URL: target.url } : {}) });
  }, 30_000);
  afterAll(async () => {
    await api?.stop();
    await scratch?.cleanUp();
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
