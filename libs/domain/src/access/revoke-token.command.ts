import { DomainCommand } from '../shared/message';
import type { TokenRevokedData } from './token-revoked.event';

export const REVOKE_TOKEN = 'RevokeToken';
export type RevokeToken = DomainCommand<typeof REVOKE_TOKEN, TokenRevokedData>;
