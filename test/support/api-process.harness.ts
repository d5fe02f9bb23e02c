// The API (`apps/api`) as a child process, exactly as `npm start` runs it: for what only a real process shows
// (signals, exit codes, a data folder reopened by the next start).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const REPOSITORY_ROOT = resolve(__dirname, '..', '..');
const KEPT_OUTPUT_CHARS = 256_000;

export interface ApiProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One API process on a free loopback port; its JSON log lines (stdout) kept for assertions. */
export class ApiProcess {
  private stdoutText = '';
  private stderrText = '';
  readonly exited: Promise<ApiProcessExit>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly dataDir: string,
  ) {
    child.stdout.on('data', (chunk: Buffer) => {
      this.stdoutText = kept(this.stdoutText + chunk.toString('utf8'));
    });
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderrText = kept(this.stderrText + chunk.toString('utf8'));
    });
    this.exited = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));
  }

  /** Starts `node -r ./scripts/register-ts.js apps/api/src/main.ts` on `dataDir`; only `env` and PATH/HOME are passed on. */
  static spawn(dataDir: string, env: Record<string, string> = {}): ApiProcess {
    const child = spawn(process.execPath, ['-r', './scripts/register-ts.js', 'apps/api/src/main.ts'], {
      cwd: REPOSITORY_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: 'off', LOG_LEVEL: 'info', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return new ApiProcess(child, dataDir);
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** The JSON log lines written so far. */
  logLines(): Record<string, unknown>[] {
    return this.stdoutText.split('\n').flatMap((line) => {
      if (!line.startsWith('{')) return [];
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }

  /** Waits for the "listening" log line; resolves with the API's base URL and the first admin token. */
  async listening(timeoutMs = 60_000): Promise<{ url: string; adminToken: string }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.logLines().find((candidate) => typeof candidate.msg === 'string' && candidate.msg.startsWith('Kontakt API listening on '));
      if (line) {
        const url = (line.msg as string).slice('Kontakt API listening on '.length).trim();
        const adminToken = (await readFile(join(this.dataDir, 'admin-token'), 'utf8')).trim();
        return { url, adminToken };
      }
      if (!this.running) throw new Error(`the API exited before listening; stderr:\n${this.stderrText}\nstdout:\n${this.stdoutText.slice(-8_000)}`);
      if (Date.now() > deadline) throw new Error(`the API did not listen within ${timeoutMs} ms; stderr:\n${this.stderrText}`);
      await new Promise((resolveWait) => setTimeout(resolveWait, 25));
    }
  }

  /** Sends `signal` (SIGTERM, as an orchestrator does) and resolves with how the process exited; SIGKILL after `timeoutMs`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 60_000): Promise<ApiProcessExit> {
    this.signal(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  kill9(): Promise<ApiProcessExit> {
    this.child.kill('SIGKILL');
    return this.exited;
  }
}

function kept(text: string): string {
  return text.length > KEPT_OUTPUT_CHARS ? text.slice(text.length - KEPT_OUTPUT_CHARS) : text;
}
