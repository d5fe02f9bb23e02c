import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsString, Matches, MaxLength } from 'class-validator';
import { MAX_NAME_LENGTH } from '@app/domain';
import { CommandBodyDto } from '../../shared-dto/command-body.dto';
import { IsEntityId } from '../../shared-dto/entity-id';
import { IsText } from '../../shared-dto/text';
import { Optional } from '../../shared-dto/optional';

/** Digits with the separators people write (spaces, dots, dashes, brackets), optionally an international `+`. */
const PHONE_PATTERN = /^\+?[0-9][0-9 ()./-]{3,38}[0-9]$/;

export class RegisterPersonDto extends CommandBodyDto {
  @IsEntityId({ optional: true, description: 'The id to give the person; generated when absent', example: 'president-tatarstan' })
  id?: string;

  @IsText({ description: 'Personal data: stored sealed with the person’s key, erased with it', example: 'Rustam Minnikhanov' })
  name!: string;

  @ApiPropertyOptional({ description: 'Personal data, like the name', example: 'office@example.org', maxLength: MAX_NAME_LENGTH })
  @Optional()
  @IsString()
  @MaxLength(MAX_NAME_LENGTH)
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string;

  @ApiPropertyOptional({ description: 'Personal data, like the name', example: '+7 843 264-77-00' })
  @Optional()
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'phone must be a telephone number: digits, spaces, ( ) . / - and an optional leading +' })
  phone?: string;
}
