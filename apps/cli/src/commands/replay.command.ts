import type { Command } from 'commander';
import { formatCount, ProgressLine } from '@app/terminal';
import { openSession, terminalWidth, type CliIo } from '../cli-session';
import { MAX_PAGE_SIZE } from '../option-values';
import { addCutOptions } from './cut-options';
import { listRegions, NoRegionListError } from './region-list';
import { regionTree } from './regions.format';
import { formatRegionsAtCut, formatReplayHeading } from './replay.format';
import { statusPath, type RegionStatusAnswer } from './status.command';
import { formatRegionStatus } from './status.format';
import { readWholeTimeline } from './timeline-pages';
import { cutQuery, timelinePath, type CutOptions } from './timeline-request';
import { formatTimelineTable } from './timeline.format';

type ReplayOptions = CutOptions & { asOf: string; json?: boolean };

export function registerReplayCommand(program: Command, io: CliIo): void {
  const command = program
    .command('replay')
    .description('The historical view: where we stood with a region (status and timeline), or with every region, as of a day')
    .argument('[region]', 'the id of one region; without it, every region of GET /regions that had a cooperation then');
  addCutOptions(command, 'required')
    .option('--json', 'the replayed status and timeline as JSON')
    .addHelpText(
      'after',
      `
As of a day means: only what had happened by the end of that day (facts dated up to then; a fact known only as
"2017" counts from 2017-01-01), stages from the stage changes dated up to then. With --known-at, also only what had
been recorded by then. Names are today's.

Examples:
  kontakt replay --as-of 2017-06-30 tatarstan     # before the Kazan delegation: stage contact
  kontakt replay --as-of 2017-12-31               # every region with a cooperation at the end of 2017
  kontakt replay --as-of 2017-12-31 --known-at 2017-11-01T00:00:00Z tatarstan
`,
    )
    .action(async (regionId: string | undefined, options: ReplayOptions, self: Command) => {
      const { client } = openSession(self, io);
      const cut = cutQuery(options);
      const heading = formatReplayHeading({ asOf: options.asOf, ...(options.knownAt === undefined ? {} : { knownAt: options.knownAt }) });
      if (regionId !== undefined) {
        const status = (await client.get<RegionStatusAnswer>(statusPath(regionId), { query: cut })).body;
        const timeline = await readWholeTimeline(client, timelinePath({ kind: 'region', id: regionId }), { ...cut, limit: MAX_PAGE_SIZE });
        if (options.json) {
          io.out.write(`${JSON.stringify({ asOf: options.asOf, knownAt: options.knownAt, status, timeline: { items: timeline.items, names: timeline.names } }, null, 2)}\n`);
          return;
        }
        const entries = timeline.items.length === 0 ? 'No entries yet.\n' : formatTimelineTable(timeline.items, timeline.names, terminalWidth(io));
        io.out.write(`${heading}\n${formatRegionStatus(status)}\nTimeline of ${status.name ?? regionId} as of ${options.asOf} (${formatCount(timeline.items.length)} entries):\n${entries}`);
        return;
      }
      let listed;
      try {
        listed = await listRegions(client, options.minPosition);
      } catch (error) {
        if (error instanceof NoRegionListError) throw new NoRegionListError(`${error.message}; name the region: kontakt replay --as-of ${options.asOf} <region>`);
        throw error;
      }
      const regions = regionTree(listed);
      const progress = new ProgressLine(io.err, { quietMs: 1_000 });
      const statuses: { status: RegionStatusAnswer; depth: number }[] = [];
      for (const { region, depth } of regions) {
        statuses.push({ status: (await client.get<RegionStatusAnswer>(statusPath(region.id), { query: cut })).body, depth });
        progress.update(`replay as of ${options.asOf}: ${formatCount(statuses.length)} of ${formatCount(regions.length)} regions`);
      }
      progress.finish(`replay as of ${options.asOf}: ${formatCount(statuses.length)} regions`);
      if (options.json) io.out.write(`${JSON.stringify({ asOf: options.asOf, knownAt: options.knownAt, regions: statuses.map(({ status }) => status) }, null, 2)}\n`);
      else io.out.write(`${heading}\n${formatRegionsAtCut(statuses)}`);
    });
}
