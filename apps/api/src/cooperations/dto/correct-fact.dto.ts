import { IsNotEmptyObject } from 'class-validator';
import { IsEntityId } from '../../shared-dto/entity-id';
import { IsNested } from '../../shared-dto/nested';
import { IsText } from '../../shared-dto/text';
import { FactCorrectionsDto } from './fact-corrections.dto';

/** History is never edited: a correction names the entry it corrects, gives the right values and says why. */
export class CorrectFactDto {
  @IsEntityId({ example: 'kazan-minister-meeting' })
  entryId!: string;

  // A correction that names no field is malformed (400), before the domain judges which fields the entry has.
  @IsNested(() => FactCorrectionsDto, { description: 'The fields that were wrong, with their right values (at least one)' })
  @IsNotEmptyObject({}, { message: 'corrections must name at least one field to correct' })
  corrections!: FactCorrectionsDto;

  @IsText({ long: true, example: 'The minutes give the exact day' })
  reason!: string;
}
