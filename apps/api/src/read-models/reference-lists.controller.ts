import { Controller, Get, Headers, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { listCooperations, listRegions, type CooperationListItem, type RegionListItem } from '@app/projections';
import { Access } from '../auth/access.decorator';
import { ApiRequestHeaders } from '../http/api-docs.decorators';
import { minPositionOf } from './cut-query.dto';
import { ProjectionsRuntime } from './projections-runtime';
import { ReadYourWrites } from './read-your-writes';
import { STATUS_PROJECTION_NAME } from './status.controller';
import { Optional } from '../shared-dto/optional';

/** A list takes read-your-writes and nothing else: it is short enough to come whole, and has no history to cut. */
export class ListQueryDto {
  @ApiPropertyOptional({ description: "Read-your-writes: wait until the projections have applied this commit position (a command answer's position.commit); also the X-Min-Position header", example: '13635' })
  @Optional()
  @IsString()
  @Matches(/^\d{1,20}$/, { message: 'minPosition must be a commit position: a decimal number' })
  minPosition?: string;
}

class RegionListItemDto {
  @ApiProperty({ example: 'tatarstan' }) id!: string;
  @ApiProperty({ example: 'Republic of Tatarstan' }) name!: string;
  @ApiProperty({ example: 'federal-subject' }) kind!: string;
  @ApiProperty({ example: 'russia', nullable: true, type: String }) parentRegionId!: string | null;
}

class RegionListDto {
  @ApiProperty({ type: [RegionListItemDto] }) items!: RegionListItem[];
}

class CooperationPartnerDto {
  @ApiProperty({ enum: ['region', 'organisation'] }) kind!: string;
  @ApiProperty({ example: 'tatarstan' }) id!: string;
  @ApiProperty({ example: 'Republic of Tatarstan', nullable: true, type: String }) name!: string | null;
}

class CooperationListItemDto {
  @ApiProperty({ example: 'logistics-network--tatarstan' }) id!: string;
  @ApiProperty({ example: 'logistics-network' }) ourOrganisationId!: string;
  @ApiProperty({ example: 'Netzwerk Logistik Leipzig-Halle', nullable: true, type: String }) ourOrganisationName!: string | null;
  @ApiProperty({ type: CooperationPartnerDto }) partner!: CooperationPartnerDto;
  @ApiProperty({ example: '2017-03' }) openedOn!: string;
  @ApiProperty({ example: 'exploring', enum: ['contact', 'exploring', 'active', 'formal-partnership', 'dormant', 'ended'] }) stage!: string;
  @ApiProperty({ example: '2017-10' }) stageSince!: string;
}

class CooperationListDto {
  @ApiProperty({ type: [CooperationListItemDto] }) items!: CooperationListItem[];
}

/** Every region and every cooperation the read model knows, for pickers and tables (the web page, the CLI). */
@ApiTags('lists')
@Access('query')
@Controller()
export class ReferenceListsController {
  constructor(
    private readonly runtime: ProjectionsRuntime,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get('regions')
  @ApiRequestHeaders()
  @ApiOkResponse({ type: RegionListDto, description: 'Every region, by id, with its parent (null for a top-level region): the tree Russia › Tatarstan › Kazan' })
  async regions(@Query() query: ListQueryDto, @Headers('x-min-position') minPosition: string | undefined): Promise<RegionListDto> {
    await this.readYourWrites.reach(minPositionOf(query, minPosition), [STATUS_PROJECTION_NAME]);
    return { items: await listRegions(this.runtime.reader.db) };
  }

  @Get('cooperations')
  @ApiRequestHeaders()
  @ApiOkResponse({ type: CooperationListDto, description: 'Every cooperation, by id: our organisation, the partner (region or organisation), both named, when it opened, its stage now and since when' })
  async cooperations(@Query() query: ListQueryDto, @Headers('x-min-position') minPosition: string | undefined): Promise<CooperationListDto> {
    await this.readYourWrites.reach(minPositionOf(query, minPosition), [STATUS_PROJECTION_NAME]);
    return { items: await listCooperations(this.runtime.reader.db) };
  }
}
