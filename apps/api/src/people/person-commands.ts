import { ASSUME_ROLE, END_ROLE, REGISTER_PERSON, type PersonCommand } from '@app/domain';
import type { AssumeRoleDto } from './dto/assume-role.dto';
import type { EndRoleDto } from './dto/end-role.dto';
import type { RegisterPersonDto } from './dto/register-person.dto';

// The commands the people routes build from their validated bodies; file imports (imports/import-facts.ts) build the
// same. (Erasure is not among them: it is an admin's decision, one person at a time, see person-erasure.ts.)

export function registerPerson({ name, email, phone }: RegisterPersonDto, personId: string): PersonCommand {
  return { type: REGISTER_PERSON, data: { personId, name, ...(email === undefined ? {} : { email }), ...(phone === undefined ? {} : { phone }) } };
}

export function assumeRole({ organisationId, role, from, level }: AssumeRoleDto, personId: string): PersonCommand {
  return { type: ASSUME_ROLE, data: { personId, organisationId, role, from, level } };
}

export function endRole({ organisationId, role, until }: EndRoleDto, personId: string): PersonCommand {
  return { type: END_ROLE, data: { personId, organisationId, role, until } };
}
