import type { Command } from 'commander';
import type { CooperationStatus, RegionStatus } from '@app/projections';
import { UsageError } from '../cli-errors';
import { openSession, type CliIo } from '../cli-session';
import { addCutOptions } from './cut-options';
import { formatCooperationStatus, formatRegionStatus, type CutEcho } from './status.format';
import { cutQuery, type CutOptions } from './timeline-request';

export type RegionStatusAnswer = RegionStatus & CutEcho;
export type CooperationStatusAnswer = CooperationStatus & CutEcho;

export function statusPath(regionId: string): string {
  return `/regions/${encodeURIComponent(regionId)}/status`;
}

export function cooperationStatusPath(cooperationId: string): string {
  return `/cooperations/${encodeURIComponent(cooperationId)}/status`;
}

export function registerStatusCommand(program: Command, io: CliIo): void {
  const command = program
    .command('status')
    .description(
      "Where we stand with a region (or one cooperation): stage and since when, each cooperation, first contact, last interaction, meetings by level, delegations, fairs, who is involved, momentum",
    )
    .argument('[region]', 'the id of the region (its cooperations are those whose partner lies in it)')
    .option('--cooperation <id>', 'one cooperation instead of a region');
  addCutOptions(command)
    .option('--json', 'the status as the API answers it')
    .addHelpText(
      'after',
      `
Examples:
  kontakt status tatarstan
  kontakt status tatarstan --as-of 2017-06-30      # before the Kazan delegation: stage contact
  kontakt status russia --known-at 2017-11-01 --json
  kontakt status --cooperation logistics-network--tatarstan
`,
    )
    .action(async (regionId: string | undefined, options: CutOptions & { json?: boolean; cooperation?: string }, self: Command) => {
      if (regionId === undefined && options.cooperation === undefined) throw new UsageError('region: name a region, or a cooperation with --cooperation <id>');
      if (regionId !== undefined && options.cooperation !== undefined) throw new UsageError(`--cooperation: names a cooperation, so no region (${regionId}) as well`);
      const { client } = openSession(self, io);
      const query = { query: cutQuery(options) };
      if (options.cooperation !== undefined) {
        const status = (await client.get<CooperationStatusAnswer>(cooperationStatusPath(options.cooperation), query)).body;
        io.out.write(options.json ? `${JSON.stringify(status, null, 2)}\n` : formatCooperationStatus(status));
        return;
      }
      const status = (await client.get<RegionStatusAnswer>(statusPath(regionId!), query)).body;
      io.out.write(options.json ? `${JSON.stringify(status, null, 2)}\n` : formatRegionStatus(status));
    });
}
