/* eslint-disable @typescript-eslint/no-explicit-any -- log lines and response bodies are read loosely; the assertions check their shape. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { KontaktClient } from '@app/api-client';
import { SAMPLE_STORY } from '@app/sample-story';

const REPO_ROOT = resolve(__dirname, '..', '..');
const FACTS = SAMPLE_STORY.length;

/** The API as `npm start` runs it (main.ts, in a process of its own), with its JSON log lines collected. */
class StartedApi {
  readonly lines: any[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const complete = pending.split('\n');
      pending = complete.pop()!;
      for (const line of complete) if (line.trim() !== '') this.lines.push(JSON.parse(line));
    });
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((done) => child.once('exit', (code) => done(code)));
  }

  /** The first log line `matches` accepts, once written (or an error if the process ends first). */
  async line(matches: (line: any) => boolean): Promise<any> {
    for (;;) {
      const found = this.lines.find(matches);
      if (found !== undefined) return found;
      if (this.child.exitCode !== null) throw new Error(`the API exited with ${this.child.exitCode} before logging it: ${this.stderr}`);
      await new Promise((next) => setTimeout(next, 50));
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    await this.exited;
  }
}

/** Where `$all` ends, as the audit projection (one row per event) sees it once it has caught up with the log. */
async function endOfLog(client: KontaktClient): Promise<{ commit: string; eventsApplied: number }> {
  for (let attempt = 0; ; attempt++) {
    const audit = (await client.get<any>('/projections/audit')).body;
    if (audit.state === 'live' && audit.lag.events === 0) return { commit: audit.checkpoint.commit, eventsApplied: audit.eventsApplied };
    if (attempt > 300) throw new Error(`the audit projection did not catch up: ${JSON.stringify(audit)}`);
    await new Promise((next) => setTimeout(next, 50));
  }
}

describe('npm start -- --seed', () => {
  const started: StartedApi[] = [];
  let dataDir: string;

  function start(args: string[], env: Record<string, string> = {}): StartedApi {
    const child = spawn(process.execPath, ['-r', './scripts/register-ts.js', 'apps/api/src/main.ts', ...args], {
      cwd: REPO_ROOT,
      // Everything the API reads is set here: nothing from the test run's own environment (READ_MODEL_URL...) leaks in.
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        RATE_LIMIT_PER_MINUTE: 'off',
        READ_MODEL_URL: '',
        EVENTSTORE_CONNECTION_STRING: '',
        OIDC_ISSUER: '',
        SEED_SAMPLE_STORY: '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const api = new StartedApi(child);
    started.push(api);
    return api;
  }

  const seededLine = (line: any) => line.context === 'SampleStory';
  const urlOf = async (api: StartedApi) => /listening on (\S+)/.exec((await api.line((line) => /Kontakt API listening on/.test(line.msg))).msg)![1];

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kontakt-seed-on-start-'));
  });

  afterEach(async () => {
    for (const api of started.splice(0)) await api.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('seeds the sample story once the API listens, logging one line with the result; a later start appends nothing', async () => {
    const first = start(['--seed']);
    const url = await urlOf(first);
    const seeded = await first.line(seededLine);
    expect(seeded).toMatchObject({
      level: 'info',
      msg: `sample story seeded: ${FACTS} facts, ${FACTS} recorded, 0 already present`,
      facts: FACTS,
      recorded: FACTS,
      alreadyPresent: 0,
      lastPosition: expect.stringMatching(/^[1-9]\d*$/),
    });
    const token = (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim();
    const client = new KontaktClient({ url, token });
    const status = (await client.get<any>(`/regions/tatarstan/status?minPosition=${seeded.lastPosition}`)).body;
    expect(status).toMatchObject({ stage: 'exploring', stageSince: '2017-10', firstContact: { occurredOn: '2017-03' }, meetings: { byLevel: { minister: 1 } } });
    const seededLog = await endOfLog(client);
    await first.stop();

    // The keys live in the event store with the events: a new process on the same data folder recognises them.
    const second = start([], { SEED_SAMPLE_STORY: 'true' });
    const secondClient = new KontaktClient({ url: await urlOf(second), token });
    const again = await second.line(seededLine);
    expect(again).toMatchObject({ facts: FACTS, recorded: 0, alreadyPresent: FACTS, lastPosition: seeded.lastPosition });
    const timeline = (await secondClient.get<any>(`/regions/tatarstan/timeline?minPosition=${again.lastPosition}`)).body;
    expect(timeline.items).toHaveLength(6);
    expect(await endOfLog(secondClient)).toEqual(seededLog);
  }, 90_000);

  it('refuses to start, with exit code 2, on an argument it does not know', async () => {
    const api = start(['--sed']);
    expect(await api.exited).toBe(2);
    expect(api.stderr).toContain("Invalid configuration: unknown argument '--sed': the start command takes only --seed");
  }, 60_000);
});
