import { IsText } from './text';

/** What every command body may carry besides its payload: why the caller records it (kept for auditors). */
export abstract class CommandBodyDto {
  @IsText({ optional: true, long: true, description: 'Why this is recorded; kept in the event metadata for auditors' })
  reason?: string;
}
