import { PassThrough } from 'node:stream';
import { StderrWriter } from '@app/terminal';
import type { CliIo } from './cli-session';
import { runKontakt } from './run-kontakt';

// The command line up to the point where a request would be sent: help, and bad usage, which never sends one.
async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  let stdout = '';
  out.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  let stderr = '';
  const err = new StderrWriter({ isTTY: false, write: (chunk: string | Uint8Array) => ((stderr += String(chunk)), true) });
  // No API listens there: a command that got as far as sending would fail with exit code 1, not 2.
  const io: CliIo = { out, err, env: { KONTAKT_URL: 'http://127.0.0.1:9', KONTAKT_TOKEN: 'kt_test' }, cwd: '/nonexistent', exitCode: 0 };
  const code = await runKontakt(argv, io);
  return { code, stdout, stderr };
}

describe('kontakt command line', () => {
  it('explains itself with --help: configuration, exit codes, examples', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: kontakt [options] [command]');
    expect(stdout).toContain('KONTAKT_TOKEN, else the admin token the API wrote on its first start to');
    expect(stdout).toMatch(/Exit codes: 0 done; 1 failed, or refused by the API/);
    for (const command of ['seed', 'record', 'timeline', 'status', 'replay', 'rebuild', 'projections', 'regions', 'audit', 'export', 'import']) expect(stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'));
  });

  it('gives every fact its own help with its options and an example', async () => {
    const { code, stdout } = await run('record', 'meeting', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: kontakt record meeting [options] <cooperation>');
    expect(stdout).toContain('--participant <name|role|level|organisationId|personId>');
    expect(stdout).toContain('level: head-of-state, minister, executive, working');
    expect(stdout).toMatch(/Example:\n {2}kontakt record meeting logistics-network--tatarstan /);
    expect(stdout).toContain('Global Options:');
  });

  it('shows the help on stderr and exits 2 without a command', async () => {
    const { code, stdout, stderr } = await run();
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: kontakt [options] [command]');
  });

  it.each([
    [['record', 'meeting'], "error: missing required argument 'cooperation'", 'kontakt record meeting --help'],
    [['record', 'meeting', 'c', '--colour', 'red'], "error: unknown option '--colour'", 'kontakt record meeting --help'],
    [['timeline', '--region', 'tatarstan', '--person', 'p'], "error: option '--region <id>' cannot be used with option '--person <id>'", 'kontakt timeline --help'],
    [['timeline', '--limit', '501'], "error: option '--limit <n>' argument '501' is invalid. give a whole number from 1 to 500.", 'kontakt timeline --help'],
    [['status', 'tatarstan', '--as-of', '2017'], "error: option '--as-of <day>' argument '2017' is invalid. give a calendar day written YYYY-MM-DD", 'kontakt status --help'],
    [['status'], 'error: region: name a region, or a cooperation with --cooperation <id>', 'kontakt status --help'],
    [['status', 'tatarstan', '--cooperation', 'c'], 'error: --cooperation: names a cooperation, so no region (tatarstan) as well', 'kontakt status --help'],
    [['replay', 'tatarstan'], "error: required option '--as-of <day>' not specified", 'kontakt replay --help'],
    [['export', 'region:tatarstan'], "error: required option '--format <format>' not specified", 'kontakt export --help'],
    [['export', 'tatarstan', '--format', 'csv'], 'error: timeline: "tatarstan" is not a timeline; give all, or region:<id>', 'kontakt export --help'],
    [['record', 'meeting', 'c', '--participant', '|minister'], 'error: --participant: the name comes first: "name|role|level|organisationId|personId"', 'kontakt record meeting --help'],
    [['record', 'region', '--data', '{"name":'], 'error: --data: not JSON: ', 'kontakt record region --help'],
    [['record', 'correction', 'c', '--if-match', 'latest'], "error: option '--if-match <version>' argument 'latest' is invalid.", 'kontakt record correction --help'],
    [['import', 'history.txt'], 'error: file: cannot tell the format of history.txt from its extension', 'kontakt import --help'],
    [['--url', 'localhost:3000', 'projections'], 'error: --url: must be an http:// or https:// URL, not localhost:3000', 'kontakt projections --help'],
    [['audit', 'verify', '--from', 'a', '--checkpoint', 'b'], "error: option '--from <token>' cannot be used with option '--checkpoint <token>'", 'kontakt audit verify --help'],
  ])('refuses %j as bad usage (exit 2), naming the argument and where help is', async (argv, message, help) => {
    const { code, stdout, stderr } = await run(...argv);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toContain(message);
    expect(stderr).toContain(`(see ${help})`);
  });
});
