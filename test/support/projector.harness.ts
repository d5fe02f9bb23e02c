// The projector (`apps/projector`) as a child process, exactly as an operator starts it: `npm run projections -- ...`.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';

const REPOSITORY_ROOT = resolve(__dirname, '..', '..');
/** Enough of a process's output to explain a failure, without keeping everything two dozen processes wrote. */
const KEPT_OUTPUT_CHARS = 64_000;

/** What the projector reads from its environment; the test's own environment (READ_MODEL_URL...) is not passed on. */
export interface ProjectorEnvironment {
  EVENTSTORE_CONNECTION_STRING?: string;
  READ_MODEL_URL?: string;
  DATA_DIR?: string;
  LOG_LEVEL?: string;
  METRICS_PORT?: string;
  METRICS_TOKEN?: string;
  PROJECTION_LEASE_TTL_MS?: string;
}

export interface ProjectorExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class ProjectorProcess {
  private stdoutText = '';
  private stderrText = '';
  private readonly waiters = new Set<() => void>();
  readonly exited: Promise<ProjectorExit>;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => {
      this.stdoutText = kept(this.stdoutText + chunk.toString('utf8'));
      this.notify();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderrText = kept(this.stderrText + chunk.toString('utf8'));
      this.notify();
    });
    this.exited = new Promise((resolveExit) => child.once('exit', (code, signal) => {
      resolveExit({ code, signal });
      this.notify();
    }));
  }

  static spawn(args: readonly string[], env: ProjectorEnvironment): ProjectorProcess {
    const child = spawn(process.execPath, ['-r', './scripts/register-ts.js', 'apps/projector/src/main.ts', ...args], {
      cwd: REPOSITORY_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return new ProjectorProcess(child);
  }

  get stdout(): string {
    return this.stdoutText;
  }

  get stderr(): string {
    return this.stderrText;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The JSON log lines written to stderr so far. */
  logLines(): Record<string, unknown>[] {
    return this.stderrText.split('\n').flatMap((line) => {
      if (!line.startsWith('{')) return [];
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }

  /** Resolves with the first log line `match` accepts; rejects when the process exits first or after `timeoutMs`. */
  waitForLog(match: (line: Record<string, unknown>) => boolean, timeoutMs: number): Promise<Record<string, unknown>> {
    return new Promise((resolveWait, rejectWait) => {
      const check = () => {
        const found = this.logLines().find(match);
        if (found) finish(() => resolveWait(found));
        else if (!this.running) finish(() => rejectWait(new Error(`the projector exited before the expected log line; stderr:\n${this.stderrText}`)));
      };
      const timer = setTimeout(() => finish(() => rejectWait(new Error(`no expected log line within ${timeoutMs} ms; stderr:\n${this.stderrText}`))), timeoutMs);
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        settle();
      };
      this.waiters.add(check);
      check();
    });
  }

  /** kill -9: no chance to finish a batch, roll back, or close anything. */
  async kill9(): Promise<ProjectorExit> {
    this.child.kill('SIGKILL');
    return this.exited;
  }

  /** Graceful stop (SIGTERM), as a process supervisor does; resolves with how it exited. */
  async stop(timeoutMs = 30_000): Promise<ProjectorExit> {
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** Runs one projector command to its end; kills it after `timeoutMs`. */
export async function runProjector(args: readonly string[], env: ProjectorEnvironment, timeoutMs = 60_000): Promise<ProjectorExit & { stdout: string; stderr: string }> {
  const projector = ProjectorProcess.spawn(args, env);
  const timer = setTimeout(() => void projector.kill9(), timeoutMs);
  try {
    const exit = await projector.exited;
    return { ...exit, stdout: projector.stdout, stderr: projector.stderr };
  } finally {
    clearTimeout(timer);
  }
}

function kept(text: string): string {
  return text.length > KEPT_OUTPUT_CHARS ? text.slice(text.length - KEPT_OUTPUT_CHARS) : text;
}
