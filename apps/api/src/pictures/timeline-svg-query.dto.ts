import { OmitType } from '@nestjs/swagger';
import { TimelineQueryDto } from '../read-models/timeline-query.dto';

/**
 * The JSON timelines' filters and cuts, without what pages a timeline (a picture is drawn whole): types, from, to,
 * region, organisation, level, includeRetracted, asOf, knownAt, minPosition. Anything else is a 400.
 */
export class TimelineSvgQueryDto extends OmitType(TimelineQueryDto, ['order', 'cursor', 'limit', 'format'] as const) {}

/** The filters and cut a picture was drawn with, for its subtitle: "as of 2017-06-30 · types MeetingHeld". */
export function describeSvgQuery(query: TimelineSvgQueryDto): string {
  const parts: string[] = [];
  if (query.asOf !== undefined) parts.push(`as of ${query.asOf}`);
  if (query.knownAt !== undefined) parts.push(`as known at ${query.knownAt}`);
  if (query.types !== undefined) parts.push(`types ${query.types.split(',').join(', ')}`);
  if (query.from !== undefined) parts.push(`from ${query.from}`);
  if (query.to !== undefined) parts.push(`to ${query.to}`);
  if (query.region !== undefined) parts.push(`concerning region ${query.region}`);
  if (query.organisation !== undefined) parts.push(`concerning organisation ${query.organisation}`);
  if (query.level !== undefined) parts.push(`levels ${query.level.split(',').join(', ')}`);
  if (query.includeRetracted === 'false') parts.push('retracted entries left out');
  return parts.join(' · ');
}
