import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { PARTICIPATION_LEVELS, parseHistoricalDate } from '@app/domain';
import { dateKeyOf, endDateKeyOf, levelBits, type TimelineFilter, type TimelineOrder } from '@app/projections';
import { Problem } from '../problems/problem';
import { ENTITY_ID_PATTERN } from '../shared-dto/entity-id';
import { CursorParam, FormatParam, LimitParam, OrderParam } from '../shared-dto/page-query';
import { CutQueryDto } from './cut-query.dto';
import { Optional } from '../shared-dto/optional';

/** What a timeline shows: recorded facts, a cooperation's opening and stage changes, people's roles. */
export const TIMELINE_ENTRY_TYPES = [
  'CooperationOpened',
  'ContactEstablished',
  'MeetingHeld',
  'FairAttended',
  'MembershipCrossLinked',
  'DelegationVisited',
  'OpportunityIdentified',
  'CooperationStageChanged',
  'RoleAssumed',
  'RoleEnded',
] as const;

const HISTORICAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const LIST_OF_WORDS = /^[A-Za-z-]+(,[A-Za-z-]+)*$/;

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export class TimelineQueryDto extends CutQueryDto {
  @ApiPropertyOptional({ description: `Comma-separated entry types: ${TIMELINE_ENTRY_TYPES.join(', ')}`, example: 'MeetingHeld,DelegationVisited' })
  @Optional()
  @IsString()
  @Matches(LIST_OF_WORDS, { message: 'types must be a comma-separated list of entry types' })
  types?: string;

  @ApiPropertyOptional({ description: 'Entries dated from this date on (YYYY, YYYY-MM or YYYY-MM-DD: from its first day)', example: '2017' })
  @Optional()
  @IsString()
  @Matches(HISTORICAL_DATE, { message: 'from must be a date written YYYY, YYYY-MM or YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'Entries dated up to this date (inclusive: "2017" means through 31 December 2017)', example: '2017-10' })
  @Optional()
  @IsString()
  @Matches(HISTORICAL_DATE, { message: 'to must be a date written YYYY, YYYY-MM or YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ description: 'Only entries that also concern this region (or a region within it)', example: 'kazan' })
  @Optional()
  @IsString()
  @Matches(ENTITY_ID_PATTERN, { message: 'region must be a region id' })
  region?: string;

  @ApiPropertyOptional({ description: 'Only entries that also concern this organisation', example: 'tatarstan-transport-ministry' })
  @Optional()
  @IsString()
  @Matches(ENTITY_ID_PATTERN, { message: 'organisation must be an organisation id' })
  organisation?: string;

  @ApiPropertyOptional({ description: `Only entries with a participant at one of these levels (comma-separated: ${PARTICIPATION_LEVELS.join(', ')})`, example: 'minister,head-of-state' })
  @Optional()
  @IsString()
  @Matches(LIST_OF_WORDS, { message: 'level must be a comma-separated list of participation levels' })
  level?: string;

  @ApiPropertyOptional({ description: 'Retracted entries are shown, marked as retracted, unless this is false', enum: ['true', 'false'] })
  @Optional()
  @IsIn(['true', 'false'], { message: 'includeRetracted must be true or false' })
  includeRetracted?: string;

  @OrderParam('Oldest first (asc, default) or newest first (desc)')
  order?: string;

  @CursorParam(64)
  cursor?: string;

  @LimitParam('Entries', MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE, '50')
  limit?: string;

  @FormatParam('json (a page, default), or the whole timeline streamed as csv or ndjson (filters apply, pagination does not)')
  format?: string;
}

export function timelineFilterOf(query: TimelineQueryDto): TimelineFilter & { order: TimelineOrder; limit: number } {
  const filter: TimelineFilter & { order: TimelineOrder; limit: number } = { order: query.order === 'desc' ? 'desc' : 'asc', limit: DEFAULT_PAGE_SIZE };
  if (query.types !== undefined) {
    const types = query.types.split(',');
    const unknown = types.find((type) => !(TIMELINE_ENTRY_TYPES as readonly string[]).includes(type));
    if (unknown !== undefined) throw Problem.badRequest(`types: ${unknown} is not an entry type; known: ${TIMELINE_ENTRY_TYPES.join(', ')}`, 'types');
    filter.types = types;
  }
  if (query.level !== undefined) {
    const levels = query.level.split(',');
    const unknown = levels.find((level) => !(PARTICIPATION_LEVELS as readonly string[]).includes(level));
    if (unknown !== undefined) throw Problem.badRequest(`level: ${unknown} is not a participation level; known: ${PARTICIPATION_LEVELS.join(', ')}`, 'level');
    filter.levels = levelBits(levels);
  }
  if (query.from !== undefined) filter.fromDateKey = dateKeyOf(historicalDate(query.from, 'from'));
  if (query.to !== undefined) {
    historicalDate(query.to, 'to');
    filter.toDateKey = endDateKeyOf(query.to);
  }
  if (filter.fromDateKey !== undefined && filter.toDateKey !== undefined && filter.fromDateKey > filter.toDateKey) throw Problem.badRequest('from must not be after to', 'from');
  if (query.region !== undefined) filter.region = query.region;
  if (query.organisation !== undefined) filter.organisation = query.organisation;
  if (query.includeRetracted !== undefined) filter.includeRetracted = query.includeRetracted === 'true';
  if (query.limit !== undefined) {
    const limit = Number(query.limit);
    if (!(limit >= 1 && limit <= MAX_PAGE_SIZE)) throw Problem.badRequest(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`, 'limit');
    filter.limit = limit;
  }
  return filter;
}

function historicalDate(text: string, field: string) {
  try {
    return parseHistoricalDate(text, field);
  } catch (error) {
    throw Problem.badRequest((error as Error).message, field);
  }
}
