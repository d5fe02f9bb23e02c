import { CommandBodyDto } from '../../shared-dto/command-body.dto';

/** Only the reason, kept in the TokenRevoked event's metadata. */
export class RevokeTokenDto extends CommandBodyDto {}
