import { parseArgs } from 'node:util';
import { REBUILD_USAGE, RUN_USAGE, STATUS_USAGE, USAGE } from './projector-usage';

/** The command line was wrong; the message names the argument at fault. */
export class UsageError extends Error {
  readonly code = 'INVALID_ARGUMENTS';
  override readonly name = 'UsageError';
}

export type ProjectorCommand =
  | { kind: 'help'; text: string }
  /** The projections to run (all unless some are named), in the order they are applied. */
  | { kind: 'run'; projections: string[] }
  /** The projections to rebuild, in order; `all` is every known projection. */
  | { kind: 'rebuild'; projections: string[] }
  | { kind: 'status'; json: boolean };

/** `projectionNames` are the projections this build knows, in the order they are applied. */
export function parseProjectorArguments(argv: readonly string[], projectionNames: readonly string[]): ProjectorCommand {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      throw new UsageError('a command is required: run, rebuild or status');
    case '-h':
    case '--help':
    case 'help':
      return { kind: 'help', text: USAGE };
    case 'run':
      return parseRun(rest, projectionNames);
    case 'rebuild':
      return parseRebuild(rest, projectionNames);
    case 'status':
      return parseStatus(rest);
    default:
      throw new UsageError(command.startsWith('-') ? `unknown option '${command}' before the command` : `unknown command '${command}': expected run, rebuild or status`);
  }
}

function parseRun(argv: readonly string[], projectionNames: readonly string[]): ProjectorCommand {
  const { values, positionals } = parseStrictly(argv, {}, true);
  const named: readonly string[] = positionals;
  if (values.help) return { kind: 'help', text: RUN_USAGE.replace('%PROJECTIONS%', projectionNames.join(', ')) };
  const unknown = named.find((name) => !projectionNames.includes(name));
  if (unknown !== undefined) throw new UsageError(`unknown projection '${unknown}': run takes none (all of them) or some of ${projectionNames.join(', ')}`);
  return { kind: 'run', projections: named.length === 0 ? [...projectionNames] : projectionNames.filter((name) => named.includes(name)) };
}

function parseRebuild(argv: readonly string[], projectionNames: readonly string[]): ProjectorCommand {
  const { values, positionals } = parseStrictly(argv, {}, true);
  if (values.help) return { kind: 'help', text: REBUILD_USAGE.replace('%PROJECTIONS%', projectionNames.join(', ')) };
  const choices = `${projectionNames.join(', ')} or all`;
  if (positionals.length === 0) throw new UsageError(`rebuild needs the projection to rebuild: ${choices}`);
  if (positionals.length > 1) throw new UsageError(`rebuild takes one projection, got '${positionals.join("' '")}': rebuild ${choices}`);
  const [target] = positionals;
  if (target === 'all') return { kind: 'rebuild', projections: [...projectionNames] };
  if (!projectionNames.includes(target)) throw new UsageError(`unknown projection '${target}': expected ${choices}`);
  return { kind: 'rebuild', projections: [target] };
}

function parseStatus(argv: readonly string[]): ProjectorCommand {
  const { values } = parseStrictly(argv, { json: { type: 'boolean' } }, false);
  return values.help ? { kind: 'help', text: STATUS_USAGE } : { kind: 'status', json: values.json === true };
}

type BooleanOptions = Record<string, { type: 'boolean' }>;

function parseStrictly(argv: readonly string[], options: BooleanOptions, allowPositionals: boolean) {
  try {
    const parsed = parseArgs({ args: [...argv], strict: true, allowPositionals, options: { ...options, help: { type: 'boolean', short: 'h' } } });
    return { values: parsed.values as Record<string, boolean | undefined>, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
}

function describeParseError(error: unknown): string {
  // Not `instanceof Error`: under Jest, errors thrown by Node's own modules come from another realm.
  const { message } = error as { message?: unknown };
  if (typeof message !== 'string') return String(error);
  // Node goes on with advice about '--' that does not apply here; keep the first sentence.
  return message.split(/\.\s/)[0].replace(/\.$/, '');
}
