import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { UsageError } from '../cli-errors';
import { openSession, type CliIo } from '../cli-session';
import { collect, entityTag } from '../option-values';
import { factBody, optionsOf } from './fact-body';
import { jsonObject, type FieldKind } from './fact-fields';
import { formatRecordAnswer, type CommandAnswer } from './record-answer.format';
import { FACT_KINDS, type FactKind } from './record-facts';

const REPEATABLE: readonly FieldKind[] = ['participants', 'texts', 'assignments'];

interface RecordOptions {
  data?: string;
  file?: string;
  reason?: string;
  ifMatch?: string;
  idempotencyKey?: string;
  json?: boolean;
  [field: string]: unknown;
}

export function registerRecordCommand(program: Command, io: CliIo): void {
  const record = program
    .command('record')
    .description('Record a fact through the API: a region, organisation, person, fair, cooperation, or what happened in one (editor)')
    .addHelpText(
      'after',
      `
Each fact takes options for its main fields and/or the whole body as JSON: --file fact.json, overlaid by --data
'<json>', overlaid by the options. Compound values are written with | between their parts, in order, empty parts
left out: --participant "Network delegation||executive|logistics-network". Dates keep the precision of the source:
--date 2010, --date 2017-03, --date 2017-10-12. The answer gives the entity's new version (for --if-match) and
the position of the last event (for --min-position on the queries that follow).

Examples:
  kontakt record region tatarstan --name "Republic of Tatarstan" --kind federal-subject --parent russia
  kontakt record meeting logistics-network--tatarstan --date 2017-10 --place "Kazan|kazan" \\
    --participant "Minister of Transport of Tatarstan|Minister of Transport|minister|tatarstan-transport-ministry" --topic rail
  kontakt record contact logistics-network--tatarstan --file contact.json --idempotency-key contact-2017-03
  kontakt record meeting --help
`,
    );
  for (const kind of FACT_KINDS) registerFact(record, kind, io);
}

function registerFact(record: Command, kind: FactKind, io: CliIo): void {
  const command = record
    .command(kind.name)
    .description(kind.description)
    .argument(kind.target.required ? `<${kind.target.name}>` : `[${kind.target.name}]`, kind.target.description);
  for (const option of optionsOf(kind)) {
    const added = new Option(option.flags, option.description);
    command.addOption(REPEATABLE.includes(option.kind) ? added.argParser(collect) : added);
  }
  command
    .option('--data <json>', 'body fields as a JSON object (options win over it)')
    .option('--file <path>', 'body fields from a JSON file (--data and options win over it)')
    .option('--reason <text>', 'why this is recorded: kept with the event for auditors')
    .addOption(new Option('--if-match <version>', 'record only if the entity is still at this version (412 otherwise)').argParser(entityTag))
    .option('--idempotency-key <key>', 'a retry with the same key records nothing and gets the first answer')
    .option('--json', 'the answer as the API gives it')
    .addHelpText('after', `\nExample:\n  ${kind.example}\n`)
    .action(async (target: string | undefined, options: RecordOptions, self: Command) => {
      const body = factBody(kind, target, options, {
        ...(options.file === undefined ? {} : { file: jsonObject(readText(options.file), `--file ${options.file}`) }),
        ...(options.data === undefined ? {} : { data: jsonObject(options.data, '--data') }),
      });
      const headers: Record<string, string> = {};
      if (options.ifMatch !== undefined) headers['if-match'] = options.ifMatch;
      if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
      const { client } = openSession(self, io);
      const answer = await client.post<CommandAnswer>(kind.route(target), body, { headers });
      io.out.write(options.json ? `${JSON.stringify(answer.body, null, 2)}\n` : formatRecordAnswer(kind, answer.body, answer.headers.get('idempotent-replayed') === 'true'));
    });
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--file: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
