import { SOURCE_KINDS, type SourceCitation, type SourceKind } from '@app/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsUrl } from 'class-validator';
import { IsHistoricalDate } from './historical-date';
import { IsOneOf, IsText } from './text';
import { Optional } from './optional';

/** Where a fact comes from: a press release, minutes, an article. */
export class SourceCitationDto implements SourceCitation {
  @IsOneOf(SOURCE_KINDS, { example: 'press-release' })
  kind!: SourceKind;

  @IsText({ example: 'Tatarstan delegation visits Intec and Z' })
  title!: string;

  @IsText({ optional: true, example: 'Netzwerk Logistik Leipzig-Halle e.V.' })
  publisher?: string;

  @IsHistoricalDate({ optional: true, example: '2017-03-10' })
  publishedOn?: string;

  @ApiPropertyOptional({ example: 'https://www.logistik-leipzig-halle.net/' })
  @Optional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an absolute http or https URL' })
  url?: string;
}
