import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { Optional } from './optional';

// The shape only; the calendar (no 2017-02-30) is the domain's to check, and it names the field too.
const HISTORICAL_DATE_PATTERN = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** A date as history knows it: '2010', '2017-03' or '2017-10-12'. */
export function IsHistoricalDate(options: { optional?: boolean; description?: string; example?: string } = {}): PropertyDecorator {
  const documented = {
    type: String,
    pattern: HISTORICAL_DATE_PATTERN.source,
    description: options.description ?? 'A date with the precision the source gives: YYYY, YYYY-MM or YYYY-MM-DD',
    example: options.example ?? '2017-03',
  };
  return applyDecorators(
    ...(options.optional ? [Optional(), ApiPropertyOptional(documented)] : [ApiProperty(documented)]),
    IsString(),
    Matches(HISTORICAL_DATE_PATTERN, { message: ({ property }) => `${property} must be a date written YYYY, YYYY-MM or YYYY-MM-DD` }),
  );
}
