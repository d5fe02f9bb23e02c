import { REGISTER_FAIR, type FairCommand } from '@app/domain';
import type { RegisterFairDto } from './dto/register-fair.dto';

// The command the fair route builds from its validated body; file imports (imports/import-facts.ts) build the same.

export function registerFair({ name, regionId, recurrence }: RegisterFairDto, fairId: string): FairCommand {
  return { type: REGISTER_FAIR, data: { fairId, name, regionId, recurrence } };
}
