import { CommandBodyDto } from '../../shared-dto/command-body.dto';
import { IsEntityId } from '../../shared-dto/entity-id';
import { IsNested } from '../../shared-dto/nested';
import { SourceCitationDto } from '../../shared-dto/source-citation.dto';

/** What every recorded fact may carry: the id of its entry (to correct or retract it later) and its source. */
export abstract class FactBodyDto extends CommandBodyDto {
  @IsEntityId({ optional: true, description: 'The id of the entry; generated when absent', example: 'kazan-minister-meeting' })
  entryId?: string;

  @IsNested(() => SourceCitationDto, { optional: true, description: 'Where the fact comes from' })
  source?: SourceCitationDto;
}
