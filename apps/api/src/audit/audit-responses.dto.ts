import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class PositionDto {
  @ApiProperty({ example: '13635' }) commit!: string;
  @ApiProperty({ example: '13635' }) prepare!: string;
}

class ActorDto {
  @ApiProperty({ example: 'anna.schmidt', nullable: true }) id!: string | null;
  @ApiProperty({ example: 'editor', nullable: true }) role!: string | null;
}

class ChainLinkDto {
  @ApiProperty({ description: 'sha256 over the event and its predecessors (see the README, Audit)' }) hash!: string;
  @ApiProperty({ nullable: true, description: "Hash of the stream's previous event" }) streamPrev!: string | null;
  @ApiProperty({ nullable: true, description: 'Lane links (v2): the lane that wrote it (32 hex digits)' }) lane!: string | null;
  @ApiProperty({ nullable: true, description: "Lane links (v2): hash of the lane's previous event, or for its first, of the last event of $all when the lane started" }) lanePrev!: string | null;
  @ApiProperty({ nullable: true, description: 'Single-writer links (v1, older events): hash of the event appended before it' }) globalPrev!: string | null;
}

/** One event of the audit trail. */
export class AuditEntryDto {
  @ApiProperty({ type: PositionDto, description: 'Position in $all' }) position!: PositionDto;
  @ApiProperty() eventId!: string;
  @ApiProperty({ example: 'cooperation-logistics-network--tatarstan' }) stream!: string;
  @ApiProperty({ example: '4' }) revision!: string;
  @ApiProperty({ example: 'MeetingHeld' }) type!: string;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
  @ApiProperty({ nullable: true, example: '2026-11-28T10:00:00.000Z' }) recordedAt!: string | null;
  @ApiProperty({ nullable: true, example: '2017-10' }) occurredOn!: string | null;
  @ApiProperty({ nullable: true }) correlationId!: string | null;
  @ApiProperty({ nullable: true }) causationId!: string | null;
  @ApiProperty({ nullable: true }) requestId!: string | null;
  @ApiProperty({ nullable: true, example: 'RecordMeeting' }) command!: string | null;
  @ApiProperty({ nullable: true }) reason!: string | null;
  @ApiProperty({ nullable: true, type: Object }) source!: Record<string, unknown> | null;
  @ApiProperty({ type: Object }) data!: Record<string, unknown>;
  @ApiProperty({ type: ChainLinkDto, nullable: true }) chain!: ChainLinkDto | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
  @ApiProperty({ nullable: true, description: 'Pass back as cursor for the next page' }) nextCursor!: string | null;
}

class EventLocationDto {
  @ApiProperty({ type: PositionDto }) position!: PositionDto;
  @ApiProperty() streamId!: string;
  @ApiProperty() revision!: string;
  @ApiProperty() eventId!: string;
}

class BrokenLinkDto extends EventLocationDto {
  @ApiProperty({ enum: ['content', 'stream-link', 'lane-link', 'global-link', 'missing-link', 'checkpoint'] }) kind!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ nullable: true }) expected!: string | null;
  @ApiProperty({ nullable: true }) found!: string | null;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: EventLocationDto, description: 'The predecessor the link was checked against' }) previous?: EventLocationDto;
}

class CheckpointDto {
  @ApiProperty({ type: PositionDto, nullable: true }) position!: PositionDto | null;
  @ApiProperty() events!: number;
  @ApiProperty({ nullable: true, description: 'Link digest of the last event' }) globalHead!: string | null;
  @ApiProperty({ nullable: true, description: 'Running digest over every event up to it, in log order' }) logDigest!: string | null;
}

class SignedCheckpointDto extends CheckpointDto {
  @ApiProperty({ description: 'HMAC-SHA256 (hex) with AUDIT_HMAC_KEY' }) signature!: string;
  @ApiProperty({ description: 'One line to publish, and to pass back as from= or checkpoint=' }) token!: string;
}

class VerificationReportDto {
  @ApiProperty() intact!: boolean;
  @ApiProperty({ enum: ['full', 'incremental'] }) mode!: string;
  @ApiProperty() events!: number;
  @ApiProperty() checked!: number;
  @ApiProperty() chained!: number;
  @ApiProperty({ description: 'Events without a link (written before chaining, or by another writer)' }) unchained!: number;
  @ApiProperty({ type: EventLocationDto, nullable: true }) firstUnchained!: EventLocationDto | null;
  @ApiProperty() systemRecords!: number;
  @ApiProperty() streams!: number;
  @ApiProperty({ description: 'Chain lanes whose events were checked' }) lanes!: number;
  @ApiProperty() brokenLinks!: number;
  @ApiProperty({ type: BrokenLinkDto, nullable: true }) firstBreak!: BrokenLinkDto | null;
  @ApiProperty({ type: CheckpointDto }) head!: CheckpointDto;
}

export class VerificationResultDto {
  @ApiProperty({ type: VerificationReportDto }) report!: VerificationReportDto;
  @ApiProperty({ type: SignedCheckpointDto, nullable: true, description: 'Signed over the head reached; null when a link is broken' }) checkpoint!: SignedCheckpointDto | null;
}

class EntityEntryDto {
  @ApiProperty() entryId!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ enum: ['recorded', 'corrected', 'retracted'] }) state!: string;
  @ApiProperty({ description: 'Event id that first recorded it' }) recordedBy!: string;
  @ApiProperty({ type: Object, description: 'As first recorded' }) original!: Record<string, unknown>;
  @ApiProperty({ type: Object, description: 'With every correction applied' }) current!: Record<string, unknown>;
  @ApiProperty({ type: [Object], description: 'Each with changes: { field: { from, to } }' }) corrections!: object[];
  @ApiProperty({ type: Object, nullable: true }) retraction!: object | null;
}

export class EntityHistoryDto {
  @ApiProperty() stream!: string;
  @ApiProperty({ type: [AuditEntryDto], description: 'Every event of the stream, oldest first; corrections carry corrects: { entryId, changes: { field: { from, to } } }' }) events!: object[];
  @ApiProperty({ type: [EntityEntryDto] }) entries!: EntityEntryDto[];
}
