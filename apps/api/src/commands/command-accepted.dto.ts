import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandOutcome } from './command-outcome';
import { entityTag } from './command-preconditions';

class LogPositionDto {
  @ApiProperty({ example: '1234' }) commit!: string;
  @ApiProperty({ example: '1234' }) prepare!: string;
}

/** The answer to every command: what it appended and the version it left the entity at. */
export class CommandAcceptedDto {
  @ApiProperty({ description: "The entity's id", example: 'leipzig-halle-tatarstan' })
  id!: string;

  @ApiProperty({ description: 'The version after the command (events in the stream); also sent as ETag. Send it back in If-Match.', example: 3 })
  version!: number;

  @ApiProperty({ type: [String], description: 'Ids of the appended events' })
  eventIds!: string[];

  @ApiPropertyOptional({ type: LogPositionDto, description: 'Where the last event sits in $all (for read-your-writes)' })
  position?: LogPositionDto;

  @ApiPropertyOptional({ description: 'The id of the recorded entry, for facts that can later be corrected or retracted' })
  entryId?: string;
}

/** Sets ETag (and Location, Idempotent-Replayed) and returns the body for a command's outcome. */
export function commandAccepted<E extends { data: object }>(reply: FastifyReply, outcome: CommandOutcome<E>, location?: string): CommandAcceptedDto {
  void reply.header('etag', entityTag(outcome.version));
  if (location !== undefined) void reply.header('location', location);
  if (outcome.replayed) void reply.header('idempotent-replayed', 'true');
  // Facts carry the id of their entry, which later corrections and retractions name.
  const entryId = (outcome.events[0]?.data as { entryId?: unknown } | undefined)?.entryId;
  return {
    id: outcome.id,
    version: outcome.version,
    eventIds: outcome.eventIds,
    ...(outcome.position === undefined ? {} : { position: outcome.position }),
    ...(typeof entryId === 'string' ? { entryId } : {}),
  };
}
