import type { Command } from 'commander';
import type { RegionStatus } from '@app/projections';
import { openSession, type CliIo } from '../cli-session';
import { addCutOptions } from './cut-options';
import { formatRegionStatus, type CutEcho } from './status.format';
import { cutQuery, type CutOptions } from './timeline-request';

export type RegionStatusAnswer = RegionStatus & CutEcho;

export function statusPath(regionId: string): string {
  return `/regions/${encodeURIComponent(regionId)}/status`;
}

export function registerStatusCommand(program: Command, io: CliIo): void {
  const command = program
    .command('status')
    .description("Where we stand with a region: stage and since when, each cooperation, first contact, last interaction, meetings by level, delegations, fairs, who is involved, momentum")
    .argument('<region>', 'the id of the region (its cooperations are those whose partner lies in it)');
  addCutOptions(command)
    .option('--json', 'the status as the API answers it')
    .addHelpText(
      'after',
      `
Examples:
  kontakt status tatarstan
  kontakt status tatarstan --as-of 2017-06-30      # before the Kazan delegation: stage contact
  kontakt status russia --known-at 2017-11-01 --json
`,
    )
    .action(async (regionId: string, options: CutOptions & { json?: boolean }, self: Command) => {
      const { client } = openSession(self, io);
      const status = (await client.get<RegionStatusAnswer>(statusPath(regionId), { query: cutQuery(options) })).body;
      io.out.write(options.json ? `${JSON.stringify(status, null, 2)}\n` : formatRegionStatus(status));
    });
}
