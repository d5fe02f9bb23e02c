import type { Place } from '@app/domain';
import { IsEntityId } from './entity-id';
import { IsText } from './text';

export class PlaceDto implements Place {
  @IsText({ example: 'Kazan' })
  name!: string;

  @IsEntityId({ optional: true, description: 'The region the place lies in, if recorded', example: 'kazan' })
  regionId?: string;
}
