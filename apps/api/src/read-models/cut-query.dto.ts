import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { parseAsOf, type HistoryCut } from '@app/projections';
import { Problem } from '../problems/problem';
import { Optional } from '../shared-dto/optional';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const POSITION = /^\d{1,20}$/;

/** Read-your-writes alone: for reads that take no cut (the projections' own status). */
export class MinPositionQueryDto {
  @ApiPropertyOptional({ description: "Read-your-writes: wait until the projections have applied this commit position (a command answer's position.commit); also the X-Min-Position header", example: '13635' })
  @Optional()
  @IsString()
  @Matches(POSITION, { message: 'minPosition must be a commit position: a decimal number' })
  minPosition?: string;
}

/** The query parameters every status, timeline and graph endpoint takes: a cut through history, and read-your-writes. */
export class CutQueryDto extends MinPositionQueryDto {
  @ApiPropertyOptional({ description: 'The world as it had happened by the end of this day (YYYY-MM-DD). A fact dated only "2017" counts from 2017-01-01.', example: '2017-06-30' })
  @Optional()
  @IsString()
  @Matches(DAY, { message: 'asOf must be a day written YYYY-MM-DD' })
  asOf?: string;

  @ApiPropertyOptional({
    description: 'The world as we had recorded it at this moment (ISO 8601 timestamp with time zone; a bare day means the end of that day, UTC). Corrections recorded later are left out.',
    example: '2017-11-01T00:00:00Z',
  })
  @Optional()
  @IsString()
  @Matches(TIMESTAMP, { message: 'knownAt must be an ISO 8601 timestamp with a time zone, e.g. 2017-11-01T00:00:00Z, or a day YYYY-MM-DD' })
  knownAt?: string;

}

export function cutOf(query: CutQueryDto): HistoryCut {
  const cut: HistoryCut = {};
  if (query.asOf !== undefined) {
    const asOf = parseAsOf(query.asOf);
    if (asOf === undefined) throw Problem.badRequest(`asOf is not a calendar day: ${query.asOf}`, 'asOf');
    cut.asOf = asOf;
  }
  if (query.knownAt !== undefined) {
    const bareDay = DAY.test(query.knownAt);
    const ms = Date.parse(bareDay ? `${query.knownAt}T23:59:59.999Z` : query.knownAt);
    if (!Number.isFinite(ms) || (bareDay && parseAsOf(query.knownAt) === undefined)) throw Problem.badRequest(`knownAt is not a valid moment: ${query.knownAt}`, 'knownAt');
    cut.knownAtMs = ms;
  }
  return cut;
}

/** `?minPosition=` or the X-Min-Position header; both given must agree. */
export function minPositionOf(query: MinPositionQueryDto, header: string | undefined): bigint | undefined {
  if (header !== undefined && header !== '' && !POSITION.test(header)) throw Problem.badRequest('X-Min-Position must be a commit position: a decimal number', 'X-Min-Position');
  const text = query.minPosition ?? (header === '' ? undefined : header);
  if (query.minPosition !== undefined && header && header !== query.minPosition) {
    throw Problem.badRequest('minPosition and X-Min-Position disagree; give one', 'minPosition');
  }
  return text === undefined ? undefined : BigInt(text);
}

/** Echoed in answers, so a client sees which cut it got. */
export function describeCut(query: CutQueryDto): { asOf?: string; knownAt?: string } {
  return { ...(query.asOf === undefined ? {} : { asOf: query.asOf }), ...(query.knownAt === undefined ? {} : { knownAt: query.knownAt }) };
}
