import { IsEntityId } from '../../shared-dto/entity-id';
import { IsNested } from '../../shared-dto/nested';
import { IsText } from '../../shared-dto/text';
import { FactCorrectionsDto } from './fact-corrections.dto';

/** History is never edited: a correction names the entry it corrects, gives the right values and says why. */
export class CorrectFactDto {
  @IsEntityId({ example: 'kazan-minister-meeting' })
  entryId!: string;

  @IsNested(() => FactCorrectionsDto, { description: 'The fields that were wrong, with their right values' })
  corrections!: FactCorrectionsDto;

  @IsText({ long: true, example: 'The minutes give the exact day' })
  reason!: string;
}
