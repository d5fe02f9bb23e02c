import { IsEntityId } from '../../shared-dto/entity-id';
import { IsText } from '../../shared-dto/text';

/** A recorded fact that turned out not to be true at all: it stays in history, marked as retracted. */
export class RetractEntryDto {
  @IsEntityId({ example: 'kazan-minister-meeting' })
  entryId!: string;

  @IsText({ long: true, example: 'The meeting was cancelled; the press release was premature' })
  reason!: string;
}
