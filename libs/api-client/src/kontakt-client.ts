import { ApiProblemError } from './api-problem.error';

export interface KontaktClientOptions {
  /** Where the API listens, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** Bearer token (`kt_...` or an OIDC access token); omitted for public routes only. */
  token?: string;
  /** Sent as `X-Correlation-Id` on every request, so a batch of requests can be found together in the audit trail. */
  correlationId?: string;
  /** Per-request timeout; the API's own waits (read-your-writes) are shorter. */
  timeoutMs?: number;
}

export interface KontaktRequest {
  body?: unknown;
  /** Sent as is with `contentType` instead of JSON-encoding `body` (CSV, NDJSON). */
  rawBody?: string;
  contentType?: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
}

/** A successful answer: status, headers and the parsed body (JSON, or text when it is not JSON). */
export interface KontaktAnswer<Body> {
  status: number;
  headers: Headers;
  body: Body;
}

/**
 * The Kontakt API over HTTP. A non-2xx answer throws ApiProblemError carrying the problem details, so callers
 * report the API's own message (which names the field) instead of inventing one.
 */
export class KontaktClient {
  readonly url: string;

  constructor(private readonly options: KontaktClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
  }

  get<Body = unknown>(path: string, request: KontaktRequest = {}): Promise<KontaktAnswer<Body>> {
    return this.request<Body>('GET', path, request);
  }

  post<Body = unknown>(path: string, body?: unknown, request: KontaktRequest = {}): Promise<KontaktAnswer<Body>> {
    return this.request<Body>('POST', path, { ...request, body });
  }

  async request<Body = unknown>(method: string, path: string, request: KontaktRequest = {}): Promise<KontaktAnswer<Body>> {
    const response = await this.send(method, path, request);
    const body = await readBody(response);
    if (!response.ok) throw ApiProblemError.fromAnswer(response.status, body);
    return { status: response.status, headers: response.headers, body: body as Body };
  }

  /** The answer's body as a stream of chunks (CSV and NDJSON exports), without buffering it. */
  async stream(path: string, request: KontaktRequest = {}): Promise<{ headers: Headers; chunks: AsyncIterable<Uint8Array> }> {
    const response = await this.send('GET', path, request);
    if (!response.ok) throw ApiProblemError.fromAnswer(response.status, await readBody(response));
    if (!response.body) return { headers: response.headers, chunks: (async function* () {})() };
    return { headers: response.headers, chunks: response.body as unknown as AsyncIterable<Uint8Array> };
  }

  private async send(method: string, path: string, request: KontaktRequest): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (this.options.correlationId) headers['x-correlation-id'] = this.options.correlationId;
    let body: string | undefined;
    if (request.rawBody !== undefined) {
      body = request.rawBody;
      headers['content-type'] = request.contentType ?? 'text/plain';
    } else if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
    }
    try {
      return await fetch(this.url + path + queryString(request.query), {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
    } catch (error) {
      const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      throw new KontaktUnreachableError(this.url, reason);
    }
  }
}

/** The API did not answer at all (not started, wrong URL, timeout). */
export class KontaktUnreachableError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`The Kontakt API at ${url} did not answer (${reason}). Is it running (npm start)?`);
    this.name = 'KontaktUnreachableError';
  }
}

function queryString(query: KontaktRequest['query']): string {
  if (!query) return '';
  const parameters = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) parameters.set(key, String(value));
  const text = parameters.toString();
  return text ? `?${text}` : '';
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
