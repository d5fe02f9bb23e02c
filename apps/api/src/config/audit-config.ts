import { MIN_AUDIT_KEY_LENGTH } from '@app/audit';
import { InvalidConfigurationError } from './app-config';

export interface AuditConfig {
  /**
   * AUDIT_HMAC_KEY: the key audit checkpoints are signed with (its UTF-8 bytes). Absent: a key generated once into
   * `<DATA_DIR>/audit-hmac.key` (mode 0600).
   */
  hmacKey?: string;
}

export function parseAuditConfig(env: Readonly<Record<string, string | undefined>>): AuditConfig {
  const key = env.AUDIT_HMAC_KEY?.trim();
  if (key === undefined || key === '') return {};
  if (key.length < MIN_AUDIT_KEY_LENGTH) throw new InvalidConfigurationError(`AUDIT_HMAC_KEY must be at least ${MIN_AUDIT_KEY_LENGTH} characters, got ${key.length}`);
  return { hmacKey: key };
}
