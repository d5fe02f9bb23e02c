import { PARTNER_KINDS, type CooperationPartner, type PartnerKind } from '@app/domain';
import { CommandBodyDto } from '../../shared-dto/command-body.dto';
import { IsEntityId } from '../../shared-dto/entity-id';
import { IsHistoricalDate } from '../../shared-dto/historical-date';
import { IsNested } from '../../shared-dto/nested';
import { IsOneOf } from '../../shared-dto/text';

export class CooperationPartnerDto implements CooperationPartner {
  @IsOneOf(PARTNER_KINDS, { description: 'A region (Tatarstan) or an organisation (an association)', example: 'region' })
  kind!: PartnerKind;

  @IsEntityId({ example: 'tatarstan' })
  id!: string;
}

export class OpenCooperationDto extends CommandBodyDto {
  @IsEntityId({ optional: true, description: 'The id to give the cooperation; generated when absent', example: 'logistics-network--tatarstan' })
  id?: string;

  @IsEntityId({ description: 'Our organisation: the network or one of its members', example: 'logistics-network' })
  ourOrganisationId!: string;

  @IsNested(() => CooperationPartnerDto)
  partner!: CooperationPartnerDto;

  @IsHistoricalDate({ description: 'When the relationship began; no fact of it may lie before', example: '2017-03' })
  openedOn!: string;
}
