// Commands per second and latency of the HTTP API against the embedded event-store node, driven by autocannon over
// loopback with a mix of cooperation commands. `npm run bench:api -- --help` for options.
import autocannon from 'autocannon';
import { ApiProcess } from './support/api-process';
import { COMMAND_MIX, mixedRequests, setupRequests, type WorkloadWorld } from './support/api-workload';
import { makeScratchFolder, removeScratchFolders } from './support/scratch-folders';

const USAGE = `Usage: npm run bench:api -- [--duration <seconds>] [--connections <n>] [--cooperations <n>] [--log-level <level>] [--url <api> --token <token>] [--json] [--quick]
  --duration      measured seconds (default 20; --quick: 5), after a 3 s warm-up
  --connections   concurrent HTTP connections (default 64)
  --cooperations  cooperations the commands spread over (default 256); fewer means more concurrent conflicts
  --log-level     the API's LOG_LEVEL (default info: one JSON line per request, as in production)
  --url           measure an API that is already running (e.g. with a real EventStoreDB) instead of starting one
  --token         with --url: an editor's or admin's bearer token for it (a started API's first admin token is used otherwise)
  --json          print the figures as JSON too`;

const TARGET_COMMANDS_PER_SECOND = 2_000;
const TARGET_P99_MS = 50;

interface Options {
  duration: number;
  connections: number;
  cooperations: number;
  logLevel: string;
  url?: string;
  token?: string;
  json: boolean;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { duration: 20, connections: 64, cooperations: 256, logLevel: 'info', json: false };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    const value = (): string => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    const positive = (): number => {
      const number = Number(value());
      if (!Number.isInteger(number) || number < 1) throw new Error(`${flag} must be a positive integer`);
      return number;
    };
    if (flag === '--duration') options.duration = positive();
    else if (flag === '--connections') options.connections = positive();
    else if (flag === '--cooperations') options.cooperations = positive();
    else if (flag === '--log-level') options.logLevel = value();
    else if (flag === '--url') options.url = value();
    else if (flag === '--token') options.token = value();
    else if (flag === '--json') options.json = true;
    else if (flag === '--quick') options.duration = 5;
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new Error(`unknown option ${flag}\n${USAGE}`);
  }
  if (options.url !== undefined && options.token === undefined) throw new Error(`--url needs --token: the API refuses commands without a bearer token\n${USAGE}`);
  return options;
}

async function post(url: string, token: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`setup ${path} answered ${response.status}: ${await response.text()}`);
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const api = options.url === undefined ? await startApi(options.logLevel) : { url: options.url, token: options.token!, stop: async () => undefined, refusedRequests: () => [] };
  const runId = Date.now().toString(36);
  try {
    const world: WorkloadWorld = {
      cooperationIds: Array.from({ length: options.cooperations }, (_, index) => `bench-${runId}-cooperation-${index}`),
      personId: `bench-${runId}-minister`,
      partnerOrganisationId: `bench-${runId}-ministry`,
      otherOrganisationId: `bench-${runId}-association`,
      fairId: `bench-${runId}-transrussia`,
      regionId: `bench-${runId}-tatarstan`,
      countryId: `bench-${runId}-russia`,
      ourOrganisationId: `bench-${runId}-network`,
    };
    progress(`recording ${options.cooperations} cooperations and what they refer to`);
    for (const { path, body } of setupRequests(world)) await post(api.url, api.token, path, body);

    const common = { url: api.url, connections: options.connections, requests: mixedRequests(world, api.token) };
    progress('warming up for 3 s');
    await run({ ...common, duration: 3 });
    progress(`measuring for ${options.duration} s at ${options.connections} connections`);
    const result = await run({ ...common, duration: options.duration });

    const commandsPerSecond = result['2xx'] / result.duration;
    const figures = {
      connections: options.connections,
      durationSeconds: result.duration,
      commands: result['2xx'],
      commandsPerSecond: Math.round(commandsPerSecond),
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      mix: Object.fromEntries(COMMAND_MIX.map((kind) => [kind.name, `${kind.share}%`])),
    };
    const met = commandsPerSecond >= TARGET_COMMANDS_PER_SECOND && result.latency.p99 <= TARGET_P99_MS && result.non2xx === 0;
    process.stdout.write(
      [
        '',
        `HTTP API, mixed commands (${COMMAND_MIX.map((kind) => `${kind.share}% ${kind.name}`).join(', ')}), ${options.connections} connections, ${options.cooperations} cooperations, embedded node, loopback`,
        `  commands/s       ${figures.commandsPerSecond.toLocaleString('en-US')}   (target >= ${TARGET_COMMANDS_PER_SECOND.toLocaleString('en-US')})`,
        `  latency p50      ${figures.latencyMs.p50} ms`,
        `  latency p90      ${figures.latencyMs.p90} ms`,
        `  latency p99      ${figures.latencyMs.p99} ms   (target <= ${TARGET_P99_MS} ms)`,
        `  latency max      ${figures.latencyMs.max} ms`,
        `  commands         ${figures.commands.toLocaleString('en-US')} in ${result.duration} s; non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`,
        `  targets          ${met ? 'met' : 'NOT met'}`,
        '',
      ].join('\n'),
    );
    if (options.json) process.stdout.write(`${JSON.stringify(figures)}\n`);
    if (result.non2xx > 0) {
      const refused = api.refusedRequests();
      process.stdout.write(`Status codes: ${JSON.stringify(result.statusCodeStats)}. Refused requests from the API's log (first 5 of ${refused.length}):\n${refused.slice(0, 5).join('\n')}\n`);
    }
  } finally {
    await api.stop();
    removeScratchFolders();
  }
}

async function startApi(logLevel: string): Promise<ApiProcess> {
  const dataDir = makeScratchFolder('api');
  progress(`starting the API (embedded node, data in ${dataDir}, LOG_LEVEL=${logLevel})`);
  return ApiProcess.start({ dataDir, logLevel });
}

function progress(message: string): void {
  process.stderr.write(`[bench:api] ${message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:api failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
