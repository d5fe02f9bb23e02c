import { REGISTER_ORGANISATION, RENAME_ORGANISATION, type OrganisationCommand } from '@app/domain';
import type { RegisterOrganisationDto } from './dto/register-organisation.dto';
import type { RenameOrganisationDto } from './dto/rename-organisation.dto';

// The commands the organisation routes build from their validated bodies; file imports (imports/import-facts.ts)
// build the same.

export function registerOrganisation({ name, kind, regionId, memberCount }: RegisterOrganisationDto, organisationId: string): OrganisationCommand {
  return { type: REGISTER_ORGANISATION, data: { organisationId, name, kind, regionId, memberCount } };
}

export function renameOrganisation({ name }: RenameOrganisationDto, organisationId: string): OrganisationCommand {
  return { type: RENAME_ORGANISATION, data: { organisationId, name } };
}
