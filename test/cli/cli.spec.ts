/* eslint-disable @typescript-eslint/no-explicit-any -- JSON printed by the CLI is read loosely; the assertions check its shape. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestApi } from '../support/api.harness';

jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `kontakt <args>` as a child process against `env` (KONTAKT_URL, KONTAKT_TOKEN...), as a user would. */
function kontakt(args: readonly string[], env: Record<string, string>, entry = 'apps/cli/src/main.ts'): Promise<CliResult> {
  // Nothing of this process's own configuration leaks into the child: it gets what the test gives it.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(KONTAKT_|DATA_DIR$)/.test(name)));
  return new Promise((resolve) => {
    execFile(process.execPath, ['-r', './scripts/register-ts.js', entry, ...args], { cwd: ROOT, env: { ...inherited, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the kontakt CLI against a running API', () => {
  const api = useTestApi();
  const run = (...args: string[]) => kontakt(args, { KONTAKT_URL: api().url, KONTAKT_TOKEN: api().adminToken });
  let seeded: CliResult;
  /** The position of the seed's last event: queries wait for the projections to reach it. */
  let seededAt: string;
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'kontakt-cli-'));
    seeded = await run('seed');
    seededAt = /last position (\d+)/.exec(seeded.stdout)?.[1] ?? '0';
  });

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('seeds the sample story, with a progress line on stderr and a summary on stdout', () => {
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/^Sample story seeded: (\d+) facts, \1 recorded now, 0 already present; last position [1-9]\d*\.$/m);
    // stderr is no terminal here: whole lines, the last at 100%.
    expect(seeded.stderr).toMatch(/^seed \[##########\] 100% (\d+)\/\1 /m);
  });

  it('shows a region’s timeline as a table, each date as recorded, with its precision', async () => {
    const result = await run('timeline', '--region', 'tatarstan', '--min-position', seededAt);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^DATE +TYPE +STATE +ENTRY +SUMMARY$/);
    expect(lines.slice(1).map((line) => line.split(/ {2,}/).slice(0, 4))).toEqual([
      ['2010-03-25', 'RoleAssumed', 'recorded', '-'],
      ['2017-03', 'CooperationOpened', 'recorded', '-'],
      ['2017-03', 'ContactEstablished', 'recorded', 'first-contact'],
      ['2017-10', 'DelegationVisited', 'recorded', 'kazan-delegation'],
      ['2017-10', 'MeetingHeld', 'recorded', 'kazan-minister-meeting'],
      ['2017-10', 'CooperationStageChanged', 'recorded', '-'],
    ]);
    expect(result.stdout).toContain('Rustam Minnikhanov: President of the Republic of Tatarstan at Government of the Republic of Tatarstan (head-of-state)');
    expect(result.stdout).toMatch(/CooperationStageChanged +recorded +- +contact → exploring/);
  });

  it('gives the timeline as the API’s JSON with --json, every page with --all', async () => {
    const onePage = await run('timeline', '--region', 'tatarstan', '--limit', '2', '--json', '--min-position', seededAt);
    expect(onePage.code).toBe(0);
    const page = JSON.parse(onePage.stdout) as any;
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toEqual(expect.any(String));
    expect(onePage.stderr).toBe('');

    const all = await run('timeline', '--region', 'tatarstan', '--limit', '2', '--all', '--json', '--min-position', seededAt);
    const whole = JSON.parse(all.stdout) as any;
    expect(whole.items.map((item: any) => [item.type, item.occurredOn, item.precision])).toEqual([
      ['RoleAssumed', '2010-03-25', 'day'],
      ['CooperationOpened', '2017-03', 'month'],
      ['ContactEstablished', '2017-03', 'month'],
      ['DelegationVisited', '2017-10', 'month'],
      ['MeetingHeld', '2017-10', 'month'],
      ['CooperationStageChanged', '2017-10', 'month'],
    ]);
    expect(whole.nextCursor).toBeNull();
    expect(whole.names.person['rustam-minnikhanov']).toBe('Rustam Minnikhanov');
  });

  it('says where more entries follow when a page is not the last', async () => {
    const result = await run('timeline', '--region', 'tatarstan', '--limit', '2', '--min-position', seededAt);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(3);
    expect(result.stderr).toMatch(/^More entries follow: --all for every page, or --cursor \S+ for the next\.$/m);
  });

  it('shows a region’s status as a block', async () => {
    const result = await run('status', 'tatarstan', '--min-position', seededAt);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Republic of Tatarstan \(tatarstan\)\n {2}Stage {15}exploring since 2017-10\n/);
    expect(result.stdout).toContain('  Meetings            1 (minister 1)\n');
    expect(result.stdout).toContain('  Delegation visits   0 inbound, 1 outbound\n');
  });

  it('shows one cooperation’s status, and as of a day', async () => {
    const now = await run('status', '--cooperation', 'logistics-network--tatarstan', '--min-position', seededAt);
    expect(now.code).toBe(0);
    expect(now.stdout).toMatch(/^Cooperation logistics-network--tatarstan\n {2}Between {13}organisation logistics-network and region tatarstan\n/);
    expect(now.stdout).toContain('  Stage               exploring since 2017-10\n');
    expect(now.stdout).toContain('  Meetings            1 (minister 1)\n');
    const before = await run('status', '--cooperation', 'logistics-network--tatarstan', '--as-of', '2017-06-30');
    expect(before.stdout).toMatch(/^Cooperation logistics-network--tatarstan as of 2017-06-30\n/);
    expect(before.stdout).toContain('  Stage               contact since 2017-03\n');
    const unknown = await run('status', '--cooperation', 'no-such-cooperation');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('COOPERATION_NOT_FOUND');
  });

  it('replays a region as of 2017-06-30: stage contact, and the timeline up to then only', async () => {
    const result = await run('replay', '--as-of', '2017-06-30', 'tatarstan', '--min-position', seededAt);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Replay of history as of 2017-06-30: what had happened by the end of that day/);
    expect(result.stdout).toContain('Republic of Tatarstan (tatarstan) as of 2017-06-30\n  Stage               contact since 2017-03\n');
    expect(result.stdout).toContain('Timeline of Republic of Tatarstan as of 2017-06-30 (3 entries):');
    expect(result.stdout).toContain('ContactEstablished');
    expect(result.stdout).not.toContain('MeetingHeld');
  });

  it('replays every region as of a day from GET /regions', async () => {
    const result = await run('replay', '--as-of', '2017-06-30', '--min-position', seededAt);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^russia +contact +2010 +2 +2017-03 /m);
    expect(result.stdout).toMatch(/^ {2}tatarstan +contact +2017-03 +1 +2017-03 /m);
    expect(result.stdout).toContain('6 other regions had no cooperation then.');
    const json = JSON.parse((await run('replay', '--as-of', '2009-12-31', '--json')).stdout) as any;
    expect(json.regions.every((status: any) => status.stage === null && status.asOf === '2009-12-31')).toBe(true);
  });

  it('records a meeting from options, and the timeline shows it', async () => {
    const recorded = await run(
      'record',
      'meeting',
      'logistics-network--tatarstan',
      '--entry',
      'kazan-rail-meeting',
      '--date',
      '2018-04-12',
      '--place',
      'Kazan|kazan',
      '--participant',
      'Lenar Rinatovich Safin|Minister of Transport|minister|tatarstan-transport-ministry|lenar-safin',
      '--participant',
      'Network delegation||executive|logistics-network',
      '--topic',
      'rail freight',
      '--source',
      'minutes|Minutes of the Kazan rail meeting|Netzwerk Logistik Leipzig-Halle e.V.|2018-04-13',
      '--reason',
      'Recorded from the minutes',
      '--json',
    );
    expect(recorded.code).toBe(0);
    const answer = JSON.parse(recorded.stdout) as any;
    expect(answer).toMatchObject({ id: 'logistics-network--tatarstan', entryId: 'kazan-rail-meeting', version: expect.any(Number), position: { commit: expect.stringMatching(/^\d+$/) } });

    const timeline = await run('timeline', '--cooperation', 'logistics-network--tatarstan', '--types', 'MeetingHeld', '--min-position', answer.position.commit);
    expect(timeline.stdout).toMatch(/^2018-04-12 +MeetingHeld +recorded +kazan-rail-meeting +meeting in Kazan; Lenar Rinatovich Safin \(minister\), Network delegation \(executive\); topics: rail freight$/m);
    const item = (JSON.parse((await run('timeline', '--cooperation', 'logistics-network--tatarstan', '--types', 'MeetingHeld', '--json', '--min-position', answer.position.commit)).stdout) as any).items.find(
      (entry: any) => entry.entryId === 'kazan-rail-meeting',
    );
    expect(item.data.source).toEqual({ kind: 'minutes', title: 'Minutes of the Kazan rail meeting', publisher: 'Netzwerk Logistik Leipzig-Halle e.V.', publishedOn: '2018-04-13' });
    expect(item.recorded.reason).toBe('Recorded from the minutes');
  });

  it('prints the answer of a record in one line, and says when a retry with the same key recorded nothing', async () => {
    const args = ['record', 'opportunity', 'logistics-network--tatarstan', '--title', 'Rail-road terminal partnership', '--date', '2018', '--idempotency-key', 'cli-test-opportunity'];
    const first = await run(...args);
    expect(first.stdout).toMatch(/^opportunity recorded: cooperation logistics-network--tatarstan, entry \S+, version \d+, position \d+\n$/);
    const again = await run(...args);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('(answered from an earlier request with the same idempotency key: nothing new was recorded)');
  });

  it('prints the API’s problem and exits 1 when a record is refused, naming the field; nothing is appended', async () => {
    let result: CliResult | undefined;
    const appended = await api().eventsAppendedBy(async () => {
      result = await run('record', 'meeting', 'logistics-network--tatarstan', '--date', '2016-05', '--place', 'Kazan', '--participant', 'Someone||working', '--topic', 'x');
    });
    expect(result!.code).toBe(1);
    expect(result!.stdout).toBe('');
    expect(result!.stderr).toBe('error: the API refused the request: 422 DATE_OUT_OF_ORDER\n  occurredOn: occurredOn 2016-05 is before the cooperation was opened\n');
    expect(appended).toBe(0);

    const malformed = await run('record', 'meeting', 'logistics-network--tatarstan', '--date', '2018', '--place', 'Kazan', '--participant', 'Someone||boss', '--topic', 'x');
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('400 INVALID_REQUEST\n  participants[0].level: participants[0].level must be one of head-of-state, minister, executive, working');
  });

  it('refuses bad usage with exit 2, naming the argument, and sends nothing', async () => {
    let results: CliResult[] = [];
    const appended = await api().eventsAppendedBy(async () => {
      results = [await run('record', 'meeting', '--date', '2018'), await run('timeline', '--limit', 'all'), await run('record', 'cooperation', '--partner', 'tatarstan', '--ours', 'logistics-network')];
    });
    expect(results.map((result) => result.code)).toEqual([2, 2, 2]);
    expect(results[0].stderr).toContain("error: missing required argument 'cooperation'");
    expect(results[1].stderr).toContain("error: option '--limit <n>' argument 'all' is invalid.");
    expect(results[2].stderr).toContain('error: --partner: give region:<id> or organisation:<id>, not "tatarstan"');
    expect(appended).toBe(0);
  });

  it('verifies the audit trail: intact, exit 0, with the checkpoint to publish', async () => {
    const result = await run('audit', 'verify');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Hash chains intact\.\n/);
    const token = /^ {2}(kontakt-audit:v\d+:\S+)$/m.exec(result.stdout)?.[1];
    expect(token).toBeDefined();
    const against = await run('audit', 'verify', '--checkpoint', token!, '--json');
    expect(against.code).toBe(0);
    expect((JSON.parse(against.stdout) as any).report).toMatchObject({ intact: true, brokenLinks: 0 });
  });

  it('exports a timeline as CSV to a file, with progress on stderr, and as NDJSON to stdout', async () => {
    const file = join(workDir, 'tatarstan.csv');
    const result = await run('export', 'region:tatarstan', '--format', 'csv', '--out', file, '--to', '2017', '--min-position', seededAt);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^export region:tatarstan: 6 rows, [\\d.]+ k?B written to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^entryKey,entryId,cooperationId,type,occurredOn,precision,state,/);
    expect(lines.slice(1).map((line) => line.split(',')[3])).toEqual(['RoleAssumed', 'CooperationOpened', 'ContactEstablished', 'DelegationVisited', 'MeetingHeld', 'CooperationStageChanged']);

    const ndjson = await run('export', 'cooperation:logistics-network--russia', '--format', 'ndjson', '--min-position', seededAt);
    expect(ndjson.code).toBe(0);
    expect(ndjson.stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as any).type)).toEqual(expect.arrayContaining(['CooperationOpened', 'FairAttended']));
  });

  it('imports a CSV file, after a dry run; a file with bad rows is reported row by row and imports nothing', async () => {
    const good = join(workDir, 'regions.csv');
    await writeFile(good, 'fact,id,name,kind,parentRegionId\nRegionRegistered,bavaria,Bavaria,state,germany\nRegionRegistered,munich,Munich,city,bavaria\n');
    const dryRun = await run('import', good, '--dry-run');
    expect(dryRun).toMatchObject({ code: 0, stdout: `Dry run of ${good}: 2 rows valid; 2 would be imported, 0 already imported. Nothing was recorded.\n` });
    const imported = await run('import', good);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(new RegExp(`^Imported ${good.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 2 rows; 2 imported, 0 already imported; last position \\d+\\.\\n$`));

    const bad = join(workDir, 'bad.csv');
    await writeFile(bad, 'fact,id,name,kind,parentRegionId\nRegionRegistered,saxony,Saxony,land,germany\nRegionRegistered,dresden,Dresden,city,saxony\n');
    let rejected: CliResult | undefined;
    const appended = await api().eventsAppendedBy(async () => {
      rejected = await run('import', bad);
    });
    expect(rejected!.code).toBe(1);
    expect(rejected!.stderr).toContain(`${bad}:2: kind: kind must be one of`);
    expect(rejected!.stderr).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: parentRegionId: `, 'm'));
    expect(rejected!.stderr).toContain(`error: 2 bad rows in ${bad}; nothing was imported`);
    expect(appended).toBe(0);
  });

  it('rebuilds a projection in the API with progress on stderr, until it is live again', async () => {
    const result = await run('rebuild', 'timeline');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^timeline rebuilt: [\d,]+ events in \d+\.\d s \([\d,]+ events\/s\)\n$/);
    expect(result.stderr).toMatch(/^timeline \[##########\] 100% [\d,]+ events [\d,]+ ev\/s done$/m);
    const projections = await run('projections');
    expect(projections.stdout).toMatch(/^timeline +live +\d+ /m);
    const unknown = await run('rebuild', 'timelines');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("error: projection: unknown projection 'timelines'; expected timeline, status, graph, audit");
  });

  it('reads the admin token from <DATA_DIR>/admin-token when no token is given', async () => {
    const result = await kontakt(['regions'], { KONTAKT_URL: api().url, DATA_DIR: api().dataDir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {4}kazan +city +Kazan$/m);
  });

  it('says so, with exit 1, when a token is refused or the API does not answer', async () => {
    const refused = await kontakt(['projections'], { KONTAKT_URL: api().url, KONTAKT_TOKEN: `kt_${'0'.repeat(16)}_${'A'.repeat(43)}` });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error: the API refused the request: 401 UNAUTHENTICATED');
    expect(refused.stderr).toContain('The token from KONTAKT_TOKEN was not accepted');

    const url = `http://127.0.0.1:${await closedPort()}`;
    const unreachable = await kontakt(['status', 'tatarstan'], { KONTAKT_URL: url });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(new RegExp(`^error: The Kontakt API at ${url.replace(/[.:/]/g, '\\$&')} did not answer \\(.+\\)\\. Is it running \\(npm start\\)\\?`));
  });

  it('runs from its bin, as npx kontakt does', async () => {
    const result = await kontakt(['status', 'tatarstan', '--json'], { KONTAKT_URL: api().url, KONTAKT_TOKEN: api().adminToken }, 'apps/cli/bin/kontakt.js');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as any).stage).toBe('exploring');
  });
});
