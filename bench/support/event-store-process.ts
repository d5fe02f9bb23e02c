import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { IoCounters, monotonicMicroseconds, ProcessMemory, readCpuTicks, readIoCounters, readMemory } from './process-stats';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const TS_REGISTER = path.join(REPO_ROOT, 'scripts', 'register-ts.js');
const STANDALONE_MAIN = path.join(REPO_ROOT, 'apps', 'event-store', 'src', 'main.ts');
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 60_000;
const STDERR_LINES_KEPT = 30;

export interface EventStoreProcessOptions {
  dataDir: string;
  /** Run under `--cpu-prof`; the profile is written to `dir/name` when the node exits. */
  cpuProfile?: { dir: string; name: string };
}

/** The standalone node (apps/event-store) as a child process: the benchmark's only server. */
export class EventStoreProcess {
  private exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private exitedAlready = false;
  private readonly stderrTail: string[] = [];
  private reportedStartupMs: number | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly pid: number,
    /** Monotonic µs just before spawning. */
    readonly spawnedAtUs: number,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exitedAlready = true;
        resolve({ code, signal });
      }),
    );
    createInterface({ input: child.stderr! }).on('line', (line) => this.onStderrLine(line));
  }

  /** Spawns the node and resolves once it prints its "listening" line. */
  static async start(options: EventStoreProcessOptions): Promise<StartedEventStore> {
    const profiling = options.cpuProfile
      ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfile.dir}`, `--cpu-prof-name=${options.cpuProfile.name}`]
      : [];
    const spawnedAtUs = monotonicMicroseconds();
    const child = spawn(process.execPath, [...profiling, '-r', TS_REGISTER, STANDALONE_MAIN, '--db', options.dataDir, '--port', '0'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid === undefined) throw new Error(`could not spawn ${process.execPath}`);
    const node = new EventStoreProcess(child, child.pid, spawnedAtUs);
    running.add(node);
    try {
      const listening = await node.listening();
      return { node, ...listening, startupMs: (listening.listeningAtUs - spawnedAtUs) / 1000 };
    } catch (error) {
      node.kill();
      throw error;
    }
  }

  /** Milliseconds the node itself reports from opening the log to listening (its "listening" log line). */
  get nodeReportedStartupMs(): number | undefined {
    return this.reportedStartupMs;
  }

  cpuTicks(): number {
    return readCpuTicks(this.pid);
  }

  io(): IoCounters {
    return readIoCounters(this.pid);
  }

  memory(): ProcessMemory {
    return readMemory(this.pid);
  }

  /** Graceful stop (SIGTERM), as an operator would; fails if the node does not exit cleanly in time. */
  async stop(): Promise<void> {
    if (!this.exitedAlready) this.child.kill('SIGTERM');
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS, 'timeout').unref());
    const outcome = await Promise.race([this.exited, timeout]);
    running.delete(this);
    if (outcome === 'timeout') {
      this.kill();
      throw new Error(`event-store node ${this.pid} did not stop within ${STOP_TIMEOUT_MS} ms of SIGTERM${this.describeStderr()}`);
    }
    if (outcome.code !== 0) {
      throw new Error(`event-store node ${this.pid} exited with code ${outcome.code} signal ${outcome.signal}${this.describeStderr()}`);
    }
  }

  /** Last resort, synchronous so it also works from an 'exit' handler. */
  kill(): void {
    running.delete(this);
    if (!this.exitedAlready) this.child.kill('SIGKILL');
  }

  private listening(): Promise<{ connectionString: string; listeningAtUs: number }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`event-store node did not listen within ${START_TIMEOUT_MS} ms${this.describeStderr()}`)), START_TIMEOUT_MS);
      const lines = createInterface({ input: this.child.stdout! });
      lines.on('line', (line) => {
        const listeningAtUs = monotonicMicroseconds();
        const message = parseJsonLine(line);
        if (message?.msg !== 'listening' || typeof message.connectionString !== 'string') return;
        clearTimeout(timer);
        resolve({ connectionString: message.connectionString, listeningAtUs });
      });
      void this.exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`event-store node exited (code ${code}, signal ${signal}) before listening${this.describeStderr()}`));
      });
    });
  }

  private onStderrLine(line: string): void {
    this.stderrTail.push(line);
    if (this.stderrTail.length > STDERR_LINES_KEPT) this.stderrTail.shift();
    const message = parseJsonLine(line);
    if (message?.msg === 'Event store node listening' && typeof message.startupMs === 'number') this.reportedStartupMs = message.startupMs;
  }

  private describeStderr(): string {
    return this.stderrTail.length > 0 ? `; its stderr ended with:\n${this.stderrTail.join('\n')}` : '';
  }
}

export interface StartedEventStore {
  node: EventStoreProcess;
  connectionString: string;
  /** Monotonic µs when the listening line arrived. */
  listeningAtUs: number;
  /** From spawn to the listening line: Node.js boot, TypeScript registration, log recovery, gRPC bind. */
  startupMs: number;
}

const running = new Set<EventStoreProcess>();

/** Kills every node this benchmark started and has not stopped yet (failure paths). */
export function killRunningEventStores(): void {
  for (const node of [...running]) node.kill();
}

function parseJsonLine(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
