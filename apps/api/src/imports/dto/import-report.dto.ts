import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A dry run of a file whose every row can be imported. */
export class ImportDryRunDto {
  @ApiProperty({ enum: [true] }) dryRun!: true;
  @ApiProperty({ description: 'Data rows in the file', example: 27 }) rows!: number;
  @ApiProperty({ description: 'Rows a real run would append', example: 27 }) wouldImport!: number;
  @ApiProperty({ description: 'Rows imported before (or repeating an earlier row): a real run appends nothing for them', example: 0 }) alreadyImported!: number;
}

/** What a real run appended. */
export class ImportDoneDto {
  @ApiProperty({ enum: [false] }) dryRun!: false;
  @ApiProperty({ example: 27 }) rows!: number;
  @ApiProperty({ description: 'Rows appended now', example: 27 }) imported!: number;
  @ApiProperty({ description: 'Rows imported before: nothing appended for them', example: 0 }) alreadyImported!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Commit position of the last append, for ?minPosition= on the read side; null when nothing was appended', example: '18432' })
  lastPosition!: string | null;
}

export class ImportRowErrorDto {
  @ApiProperty({ description: 'The line the row starts on (for a JSON array: the item, from 1)', example: 5 }) line!: number;
  @ApiPropertyOptional({ example: 'MeetingHeld' }) fact?: string;
  @ApiPropertyOptional({ example: 'participants[0].level' }) field?: string;
  @ApiProperty({ example: 'INVALID_REQUEST' }) code!: string;
  @ApiProperty({ example: 'participants[0].level must be one of head-of-state, minister, executive, working' }) message!: string;
}

/** The problem document of a refused (422) or incomplete import. */
export class ImportProblemDto {
  @ApiProperty({ example: 'urn:kontakt:problem:import-rejected' }) type!: string;
  @ApiProperty({ example: 'Unprocessable entity' }) title!: string;
  @ApiProperty({ example: 422 }) status!: number;
  @ApiProperty() detail!: string;
  @ApiProperty({ enum: ['IMPORT_REJECTED', 'IMPORT_INCOMPLETE'] }) code!: string;
  @ApiProperty({ type: [ImportRowErrorDto], description: 'Every bad row (IMPORT_REJECTED), or the row that failed (IMPORT_INCOMPLETE)' }) errors!: ImportRowErrorDto[];
  @ApiProperty({ example: 27 }) rows!: number;
  @ApiPropertyOptional({ description: 'IMPORT_INCOMPLETE: rows appended before the failure' }) imported?: number;
  @ApiPropertyOptional({ description: 'IMPORT_INCOMPLETE' }) alreadyImported?: number;
  @ApiPropertyOptional({ description: 'IMPORT_INCOMPLETE: the line of the row that failed' }) failedLine?: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'IMPORT_INCOMPLETE' }) lastPosition?: string | null;
  @ApiPropertyOptional() instance?: string;
}
