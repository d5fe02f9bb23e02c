/**
 * Who may do what, from least to most: viewer (queries), editor (also commands), auditor (queries and the audit
 * trail), admin (everything, including access itself). Listed in this order so "the highest role" of several is the last.
 */
export const ACCESS_ROLES = ['viewer', 'editor', 'auditor', 'admin'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

/** The highest of `values` that names a role, or undefined when none does (an identity provider's claim). */
export function highestRole(values: readonly unknown[]): AccessRole | undefined {
  let highest = -1;
  for (const value of values) highest = Math.max(highest, ACCESS_ROLES.indexOf(value as AccessRole));
  return highest < 0 ? undefined : ACCESS_ROLES[highest];
}
