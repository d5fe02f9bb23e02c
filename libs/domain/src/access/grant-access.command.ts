import { DomainCommand } from '../shared/message';
import type { AccessGrantedData } from './access-granted.event';

export const GRANT_ACCESS = 'GrantAccess';
/** The first grant of a deployment: accepted only while no access was ever granted (see bootstrap). */
export const GRANT_FIRST_ACCESS = 'GrantFirstAccess';

/** `issuedAt` is the caller's clock, passed in so that an expiry can be checked against it. */
export type GrantAccessData = AccessGrantedData & { readonly issuedAt: string };

export type GrantAccess = DomainCommand<typeof GRANT_ACCESS, GrantAccessData>;
export type GrantFirstAccess = DomainCommand<typeof GRANT_FIRST_ACCESS, GrantAccessData>;
