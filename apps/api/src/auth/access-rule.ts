import type { ActorRole } from '../request-context/request-context';

/**
 * What a route needs, named by what it does rather than by who may call it:
 * - public: no credentials (health checks, the API description);
 * - query: read projections (every role);
 * - command: record facts (editor, admin);
 * - audit: the audit trail and its verification (auditor, admin);
 * - admin: tokens, rebuilds, erasure (admin).
 */
export const ACCESS_RULES = ['public', 'query', 'command', 'audit', 'admin'] as const;
export type AccessRule = (typeof ACCESS_RULES)[number];

const ROLE_RULES: Record<ActorRole, readonly AccessRule[]> = {
  viewer: ['public', 'query'],
  editor: ['public', 'query', 'command'],
  auditor: ['public', 'query', 'audit'],
  admin: ['public', 'query', 'command', 'audit', 'admin'],
};

export function roleMay(role: ActorRole, rule: AccessRule): boolean {
  return ROLE_RULES[role].includes(rule);
}
