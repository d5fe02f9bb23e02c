import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ReferenceNames, TimelineItem } from '@app/projections';

class TimelineOwnerDto {
  @ApiProperty({ enum: ['all', 'region', 'organisation', 'person', 'cooperation'] }) kind!: string;
  @ApiPropertyOptional({ example: 'tatarstan' }) id?: string;
}

class ProvenanceDto {
  @ApiProperty() eventId!: string;
  @ApiProperty({ description: 'Commit position in $all' }) position!: string;
  @ApiProperty({ example: '2026-11-28T10:15:00.000Z' }) recordedAt!: string;
  @ApiPropertyOptional({ example: { id: 'anna.schmidt', role: 'editor' } }) actor?: { id: string; role: string };
  @ApiPropertyOptional() correlationId?: string;
  @ApiPropertyOptional({ description: 'The source cited when it was recorded' }) source?: Record<string, unknown>;
  @ApiPropertyOptional() reason?: string;
}

class CorrectionDto {
  @ApiProperty({ description: 'Each corrected field: the value it had and the value it was corrected to', example: { occurredOn: { from: '2017-10', to: '2017-10-12' } } })
  changes!: Record<string, { from: unknown; to: unknown }>;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: ProvenanceDto }) provenance!: ProvenanceDto;
}

class TimelineItemDto {
  @ApiProperty({ example: 'cooperation/logistics-network--tatarstan/kazan-minister-meeting' }) entryKey!: string;
  @ApiPropertyOptional({ example: 'kazan-minister-meeting' }) entryId?: string;
  @ApiPropertyOptional({ example: 'logistics-network--tatarstan' }) cooperationId?: string;
  @ApiProperty({ example: 'MeetingHeld' }) type!: string;
  @ApiProperty({ description: 'With the precision the source gives: "2010", "2017-03", "2017-10-12"', example: '2017-10' }) occurredOn!: string;
  @ApiProperty({ enum: ['year', 'month', 'day'] }) precision!: string;
  @ApiProperty({ enum: ['recorded', 'corrected', 'retracted'] }) state!: string;
  @ApiProperty({ description: '0 as first recorded; each correction or retraction adds one' }) version!: number;
  @ApiProperty({ description: 'The fact as it now stands (corrections applied)' }) data!: Record<string, unknown>;
  @ApiProperty({ type: ProvenanceDto }) recorded!: ProvenanceDto;
  @ApiProperty({ type: [CorrectionDto] }) corrections!: CorrectionDto[];
  @ApiPropertyOptional({ description: 'Why and by whom it was retracted' }) retraction?: { reason: string; provenance: ProvenanceDto };
}

export class TimelinePageDto {
  @ApiProperty({ type: TimelineOwnerDto }) timeline!: { kind: string; id?: string };
  @ApiPropertyOptional({ example: '2017-06-30' }) asOf?: string;
  @ApiPropertyOptional({ example: '2017-11-01T00:00:00Z' }) knownAt?: string;
  @ApiProperty({ type: [TimelineItemDto] }) items!: TimelineItem[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
  @ApiProperty({ description: 'Names of the regions, organisations, people and fairs the items name, by id' }) names!: ReferenceNames;
}
