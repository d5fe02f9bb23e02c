import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { ACTOR_ID_PATTERN } from '@app/domain';
import type { AuditFilter, AuditOrder } from '@app/projections';
import { Problem } from '../problems/problem';
import { CursorParam, FormatParam, LimitParam, OrderParam } from '../shared-dto/page-query';
import { Optional } from '../shared-dto/optional';

export const DEFAULT_AUDIT_PAGE_SIZE = 100;
export const MAX_AUDIT_PAGE_SIZE = 1000;

/** `<category>-<id>`: an aggregate stream, never a `$` system stream. */
export const STREAM_NAME = /^[a-z][a-z-]*-[A-Za-z0-9][A-Za-z0-9._~-]{0,63}$/;
const TYPES = /^[A-Za-z][A-Za-z0-9]{0,63}(,[A-Za-z][A-Za-z0-9]{0,63}){0,49}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MOMENT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** `GET /audit`: filters on who, what, which entity and correlation, when recorded; keyset pages or a streamed export. */
export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'Only events recorded by this actor id', example: 'anna.schmidt' })
  @Optional()
  @IsString()
  @Matches(ACTOR_ID_PATTERN, { message: 'actor must be an actor id: 1 to 128 of A-Z a-z 0-9 . _ : @ - / + =' })
  actor?: string;

  @ApiPropertyOptional({ description: "Only events of this entity's stream (`<category>-<id>`)", example: 'cooperation-logistics-network--tatarstan' })
  @Optional()
  @IsString()
  @Matches(STREAM_NAME, { message: 'entity must be a stream name <category>-<id>, e.g. cooperation-logistics-network--tatarstan' })
  entity?: string;

  @ApiPropertyOptional({ description: 'Comma-separated event types', example: 'FactCorrected,EntryRetracted' })
  @Optional()
  @IsString()
  @Matches(TYPES, { message: 'types must be a comma-separated list of event types' })
  types?: string;

  @ApiPropertyOptional({ description: 'Only events written under this correlation id (X-Correlation-Id)', example: 'press-story' })
  @Optional()
  @IsString()
  @Matches(ACTOR_ID_PATTERN, { message: 'correlationId must be 1 to 128 of A-Z a-z 0-9 . _ : @ - / + =' })
  correlationId?: string;

  @ApiPropertyOptional({ description: 'Recorded at or after this moment (ISO 8601 with time zone; a bare day: its start, UTC)', example: '2026-11-01T00:00:00Z' })
  @Optional()
  @IsString()
  @Matches(MOMENT, { message: 'from must be an ISO 8601 timestamp with a time zone, or a day YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'Recorded at or before this moment (ISO 8601 with time zone; a bare day: its end, UTC)', example: '2026-11-30' })
  @Optional()
  @IsString()
  @Matches(MOMENT, { message: 'to must be an ISO 8601 timestamp with a time zone, or a day YYYY-MM-DD' })
  to?: string;

  @OrderParam('Log order (asc, default) or newest first (desc)')
  order?: string;

  @CursorParam(96)
  cursor?: string;

  @LimitParam('Events', MAX_AUDIT_PAGE_SIZE, DEFAULT_AUDIT_PAGE_SIZE, '100')
  limit?: string;

  @FormatParam('json (a page, default), or the whole filtered trail streamed as csv or ndjson')
  format?: string;

  @ApiPropertyOptional({ description: "Read-your-writes: wait until the audit projection has applied this commit position (a command answer's position.commit); also X-Min-Position", example: '13635' })
  @Optional()
  @IsString()
  @Matches(/^\d{1,20}$/, { message: 'minPosition must be a commit position: a decimal number' })
  minPosition?: string;
}

export function auditFilterOf(query: AuditQueryDto): AuditFilter & { order: AuditOrder; limit: number } {
  const filter: AuditFilter & { order: AuditOrder; limit: number } = { order: query.order === 'desc' ? 'desc' : 'asc', limit: DEFAULT_AUDIT_PAGE_SIZE };
  if (query.actor !== undefined) filter.actor = query.actor;
  if (query.entity !== undefined) filter.stream = query.entity;
  if (query.types !== undefined) filter.types = query.types.split(',');
  if (query.correlationId !== undefined) filter.correlationId = query.correlationId;
  if (query.from !== undefined) filter.fromMs = momentOf(query.from, 'from', 'start');
  if (query.to !== undefined) filter.toMs = momentOf(query.to, 'to', 'end');
  if (filter.fromMs !== undefined && filter.toMs !== undefined && filter.fromMs > filter.toMs) throw Problem.badRequest('from must not be after to', 'from');
  if (query.limit !== undefined) {
    const limit = Number(query.limit);
    if (!(limit >= 1 && limit <= MAX_AUDIT_PAGE_SIZE)) throw Problem.badRequest(`limit must be a whole number from 1 to ${MAX_AUDIT_PAGE_SIZE}`, 'limit');
    filter.limit = limit;
  }
  return filter;
}

function momentOf(text: string, field: string, end: 'start' | 'end'): number {
  const bareDay = DAY.test(text);
  const ms = Date.parse(bareDay ? `${text}T${end === 'start' ? '00:00:00.000' : '23:59:59.999'}Z` : text);
  // Date.parse rolls 2026-02-30 over into March: a bare day must read back as itself.
  if (!Number.isFinite(ms) || (bareDay && new Date(ms).toISOString().slice(0, 10) !== text)) throw Problem.badRequest(`${field} is not a valid moment: ${text}`, field);
  return ms;
}
