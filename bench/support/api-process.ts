import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const START_TIMEOUT_MS = 60_000;

/** The API as `npm start` runs it (embedded event-store node in a worker thread), in a child process of its own. */
export class ApiProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly logFile: string,
    /** The first admin token the API wrote to its fresh data folder. */
    readonly token: string,
  ) {}

  static async start(options: { dataDir: string; logLevel: string }): Promise<ApiProcess> {
    const port = await freePort();
    const logFile = path.join(options.dataDir, 'api.log');
    const child = spawn(process.execPath, ['-r', './scripts/register-ts.js', 'apps/api/src/main.ts'], {
      cwd: REPO_ROOT,
      // No rate limit: the benchmark is one token sending as fast as it can, on purpose.
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: options.dataDir, LOG_LEVEL: options.logLevel, RATE_LIMIT_PER_MINUTE: 'off' },
      // The JSON log goes to a file (a pipe nobody drains would stall the API); refused requests are read back from it.
      stdio: ['ignore', openSync(logFile, 'w'), 'inherit'],
    });
    // Never leave the API running when the benchmark ends, however it ends.
    process.once('exit', () => child.kill('SIGKILL'));
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode} before answering`);
      if (await answers(`${url}/health`)) return new ApiProcess(child, url, logFile, readFileSync(path.join(options.dataDir, 'admin-token'), 'utf8').trim());
      if (Date.now() > deadline) throw new Error(`the API did not answer /health within ${START_TIMEOUT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** The log lines of requests answered with an error, to say why a benchmark saw non-2xx answers. */
  refusedRequests(): string[] {
    return readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter((line) => /"statusCode":[45]\d\d/.test(line));
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
