import { DomainCommand } from '../../shared/message';
import { MembershipCrossLinkedData } from '../events/membership-cross-linked.event';

export const LINK_MEMBERSHIPS = 'LinkMemberships';
export type LinkMemberships = DomainCommand<
  typeof LINK_MEMBERSHIPS,
  { readonly cooperationId: string } & MembershipCrossLinkedData
>;
