import { FAIR_ROLES, type FairRole } from '@app/domain';
import { IsEntityId } from '../../shared-dto/entity-id';
import { IsHistoricalDate } from '../../shared-dto/historical-date';
import { IsOneOf, IsText } from '../../shared-dto/text';
import { FactBodyDto } from './fact-body.dto';

export class RecordFairAttendanceDto extends FactBodyDto {
  @IsEntityId({ example: 'transrussia' })
  fairId!: string;

  @IsText({ description: 'Which edition, as the fair names it', example: 'TransRussia 2010' })
  edition!: string;

  @IsHistoricalDate({ example: '2010' })
  occurredOn!: string;

  @IsOneOf(FAIR_ROLES, { description: 'Our organisation’s role at the fair', example: 'exhibitor' })
  role!: FairRole;
}
