import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { Optional } from './optional';

/** The query parameters every keyset-paged, exportable listing takes (timelines, the audit trail). */

export const EXPORT_FORMATS = ['json', 'csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `order=asc|desc`. */
export function OrderParam(description: string): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional({ description, enum: ['asc', 'desc'] }), Optional(), IsIn(['asc', 'desc'], { message: 'order must be asc or desc' }));
}

/** `cursor=<nextCursor>`: the opaque base64url cursor the previous page answered with. */
export function CursorParam(maxLength: number): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description: 'nextCursor of the previous page' }),
    Optional(),
    IsString(),
    Matches(new RegExp(`^[A-Za-z0-9_-]{1,${maxLength}}$`), { message: 'cursor must be a nextCursor this API returned' }),
  );
}

/** `limit=1..max`, as written (a whole number of at most max's digits; the range is checked where it is parsed). */
export function LimitParam(what: string, max: number, defaultSize: number, example: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description: `${what} per page, 1 to ${max} (default ${defaultSize})`, example }),
    Optional(),
    IsString(),
    Matches(new RegExp(`^\\d{1,${String(max).length}}$`), { message: `limit must be a whole number from 1 to ${max}` }),
  );
}

/** `format=json|csv|ndjson`. */
export function FormatParam(description: string): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional({ description, enum: EXPORT_FORMATS }), Optional(), IsIn(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` }));
}
