// Conformance harness: starts the embedded node (in-process or as the standalone process) and talks to it only
// through the official @eventstore/db-client, exactly as an application would.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import {
  EventStoreDBClient,
  jsonEvent,
  type EventData,
  type JSONType,
  type ReadableSubscription,
  type StreamingRead,
} from '@eventstore/db-client';
import { EventStoreNode } from '@app/event-store-node/event-store-node';
import type { EventStoreNodeOptions, NodeLogger } from '@app/event-store-node/node-options';

const REPOSITORY_ROOT = resolve(__dirname, '..', '..');

/** Legacy `Streams.Append` is what the client uses when a call carries per-call credentials; the node ignores them. */
export const LEGACY_APPEND = { credentials: { username: 'admin', password: 'changeit' } } as const;

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

/** A NodeLogger that keeps every line, so tests can assert on warnings. */
export function recordingLogger(): NodeLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const record = (level: LogEntry['level']) => (message: string, fields?: Record<string, unknown>) => {
    entries.push({ level, message, fields });
  };
  return { entries, info: record('info'), warn: record('warn'), error: record('error') };
}

export async function createTempDir(prefix = 'esdb-conformance-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** One running in-process node with a connected client; `restart` reopens the same data folder. */
export class InProcessNode {
  private constructor(
    private readonly options: EventStoreNodeOptions,
    public node: EventStoreNode,
    public client: EventStoreDBClient,
    public readonly logs: LogEntry[],
  ) {}

  static async start(options: EventStoreNodeOptions = { memory: true }): Promise<InProcessNode> {
    const logger = recordingLogger();
    const node = await EventStoreNode.start({ host: '127.0.0.1', port: 0, ...options, logger });
    const client = EventStoreDBClient.connectionString(node.connectionString);
    return new InProcessNode({ ...options, logger }, node, client, logger.entries);
  }

  get dataDir(): string | undefined {
    return this.options.dataDir;
  }

  /** A fresh client on the same node (its own gRPC channel, so its own BatchAppend stream). */
  newClient(): EventStoreDBClient {
    return EventStoreDBClient.connectionString(this.node.connectionString);
  }

  async stop(): Promise<void> {
    await this.client.dispose();
    await this.node.stop();
  }

  /** Stops the node gracefully and starts it again on the same options (same data folder). */
  async restart(): Promise<void> {
    await this.stop();
    this.node = await EventStoreNode.start({ host: '127.0.0.1', port: 0, ...this.options });
    this.client = EventStoreDBClient.connectionString(this.node.connectionString);
  }

  warnings(): LogEntry[] {
    return this.logs.filter((entry) => entry.level === 'warn');
  }
}

/**
 * Registers beforeAll/afterAll hooks that run one node for the whole test file and returns an accessor to it.
 * `durable: true` backs the node with a temporary data folder instead of memory.
 */
export function useInProcessNode(options: { durable?: boolean; maxAppendSize?: number } = {}): () => InProcessNode {
  let current: InProcessNode | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    if (options.durable) dataDir = await createTempDir();
    current = await InProcessNode.start({
      ...(dataDir ? { dataDir } : { memory: true }),
      ...(options.maxAppendSize !== undefined ? { maxAppendSize: options.maxAppendSize } : {}),
    });
  });

  afterAll(async () => {
    await current?.stop();
    if (dataDir) await removeDir(dataDir);
  });

  return () => {
    if (!current) throw new Error('The node is not running: call the accessor inside a test, not at describe time');
    return current;
  };
}

/** The standalone node (`apps/event-store`) running as a child process. */
export class StandaloneNode {
  private stderrText = '';
  private exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    public readonly connectionString: string,
    public readonly port: number,
    stderrSoFar: string,
  ) {
    this.stderrText = stderrSoFar;
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderrText += chunk.toString('utf8');
    });
    this.exited = new Promise((resolveExit) => {
      if (child.exitCode !== null || child.signalCode !== null) resolveExit(child.exitCode);
      else child.once('exit', (code) => resolveExit(code));
    });
  }

  static async spawn(args: { dataDir?: string; memory?: boolean }, startTimeoutMs = 20_000): Promise<StandaloneNode> {
    const storage = args.memory ? ['--memory'] : ['--db', requireDefined(args.dataDir, 'dataDir')];
    const child = spawn(process.execPath, ['-r', typeScriptRegister(), 'apps/event-store/src/main.ts', ...storage, '--port', '0'], {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, NODE_ENV: 'test' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });

    let stdout = '';
    let stderr = '';
    const listening = await new Promise<{ connectionString: string; port: number }>((resolveListening, rejectListening) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        rejectListening(new Error(`standalone node did not print its listening line within ${startTimeoutMs} ms; stderr:\n${stderr}`));
      }, startTimeoutMs);
      const onStdout = (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        for (const line of stdout.split('\n')) {
          const parsed = parseJsonLine(line);
          if (parsed?.msg === 'listening' && typeof parsed.connectionString === 'string' && typeof parsed.port === 'number') {
            clearTimeout(timer);
            child.stdout.off('data', onStdout);
            resolveListening({ connectionString: parsed.connectionString, port: parsed.port });
            return;
          }
        }
      };
      child.stdout.on('data', onStdout);
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        rejectListening(new Error(`standalone node exited (code ${code}, signal ${signal}) before listening; stderr:\n${stderr}`));
      });
    });
    child.stdout.resume();
    return new StandaloneNode(child, listening.connectionString, listening.port, stderr);
  }

  get pid(): number {
    return requireDefined(this.child.pid, 'child pid');
  }

  /** Everything the node wrote to stderr so far (JSON log lines). */
  get stderr(): string {
    return this.stderrText;
  }

  stderrLines(): Array<Record<string, unknown>> {
    return this.stderrText
      .split('\n')
      .map(parseJsonLine)
      .filter((line): line is Record<string, unknown> => line !== undefined);
  }

  /** Resolves once a stderr JSON line satisfies `match` (stderr and stdout are separate pipes with no shared order). */
  async waitForStderrLine(match: (line: Record<string, unknown>) => boolean, timeoutMs = 5_000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.stderrLines().find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching stderr line within ${timeoutMs} ms; stderr:\n${this.stderrText}`);
      await delay(20);
    }
  }

  /** kill -9: no chance to flush or close anything. */
  async kill9(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Graceful stop (SIGTERM), as an operator would do. */
  async stop(): Promise<number | null> {
    this.child.kill('SIGTERM');
    return this.exited;
  }
}

function typeScriptRegister(): string {
  const projectRegister = join(REPOSITORY_ROOT, 'scripts', 'register-ts.js');
  return existsSync(projectRegister) ? projectRegister : '@swc-node/register';
}

function parseJsonLine(line: string): Record<string, unknown> | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    return JSON.parse(trimmed) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function requireDefined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is required`);
  return value;
}

/** A stream name no other test uses. */
export function uniqueStream(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

/** `count` JSON events of `type`, with `{ index }` as data so order can be checked. */
export function testEvents(count: number, type = 'TestEvent', firstIndex = 0): EventData[] {
  return Array.from({ length: count }, (_, i) => jsonEvent({ type, data: { index: firstIndex + i } as JSONType }));
}

export function testEvent(type = 'TestEvent', data: JSONType = {}): EventData {
  return jsonEvent({ type, data });
}

/** Reads a finite client stream to the end; rejects with the client's error (e.g. StreamNotFoundError). */
export async function collect<T>(read: StreamingRead<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}

/** Resolves with the error an async operation fails with; fails the test if it succeeds. */
export async function failureOf(operation: Promise<unknown> | (() => Promise<unknown>)): Promise<unknown> {
  try {
    await (typeof operation === 'function' ? operation() : operation);
  } catch (error) {
    return error;
  }
  throw new Error('expected the operation to fail, but it succeeded');
}

/**
 * Records everything a subscription emits from the moment it is created: events in delivery order, and the
 * 'confirmation'/'caughtUp'/'fellBehind' signals together with how many events had arrived by then. Attaching once
 * matters: a flowing Node stream drops events emitted while no 'data' listener is attached.
 */
export class SubscriptionRecorder<T> {
  readonly events: T[] = [];
  readonly signals: Array<{ name: string; afterEvents: number }> = [];
  error?: Error;
  private readonly waiters = new Set<() => void>();

  constructor(readonly subscription: ReadableSubscription<T>) {
    subscription.on('data', (item: T) => {
      this.events.push(item);
      this.notify();
    });
    subscription.on('error', (error: Error) => {
      this.error = error;
      this.notify();
    });
    for (const name of ['confirmation', 'caughtUp', 'fellBehind']) {
      subscription.on(name, () => {
        this.signals.push({ name, afterEvents: this.events.length });
        this.notify();
      });
    }
  }

  /** Resolves with the events so far once `done(events)` holds; rejects on a subscription error or after `timeoutMs`. */
  waitFor(done: (events: T[]) => boolean, timeoutMs = 10_000, what = 'the expected events'): Promise<T[]> {
    return new Promise<T[]>((resolveWait, rejectWait) => {
      const check = () => {
        if (this.error) {
          finish();
          rejectWait(this.error);
        } else if (done(this.events)) {
          finish();
          resolveWait(this.events);
        }
      };
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      const timer = setTimeout(() => {
        finish();
        rejectWait(new Error(`subscription did not deliver ${what} within ${timeoutMs} ms (got ${this.events.length} events)`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  waitForCount(count: number, timeoutMs = 10_000): Promise<T[]> {
    return this.waitFor((events) => events.length >= count, timeoutMs, `${count} events`);
  }

  waitForSignal(name: 'confirmation' | 'caughtUp' | 'fellBehind', timeoutMs = 10_000): Promise<T[]> {
    return this.waitFor(() => this.signals.some((signal) => signal.name === name), timeoutMs, `the '${name}' signal`);
  }

  /** Resolves with the error the subscription ends with; rejects if none comes within `timeoutMs`. */
  async waitForError(timeoutMs = 10_000): Promise<Error> {
    try {
      await this.waitFor(() => false, timeoutMs, 'an error');
    } catch (error) {
      if (error !== undefined && error === this.error) return error as Error;
      throw error;
    }
    throw new Error('unreachable: waitFor(() => false) cannot resolve');
  }

  async unsubscribe(): Promise<void> {
    await this.subscription.unsubscribe();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolveDelay) => setTimeout(resolveDelay, ms));
}
