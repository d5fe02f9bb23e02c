import { REGISTER_REGION, type RegionCommand } from '@app/domain';
import type { RegisterRegionDto } from './dto/register-region.dto';

// The command the region route builds from its validated body; file imports (imports/import-facts.ts) build the same.

export function registerRegion({ name, kind, parentRegionId }: RegisterRegionDto, regionId: string): RegionCommand {
  return { type: REGISTER_REGION, data: { regionId, name, kind, parentRegionId } };
}
