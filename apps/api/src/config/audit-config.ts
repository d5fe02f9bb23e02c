import { MIN_AUDIT_KEY_LENGTH } from '@app/audit';
import { DEFAULT_CHAIN_LANES, MAX_CHAIN_LANES } from '@app/event-store';
import { InvalidConfigurationError } from './app-config';

export interface AuditConfig {
  /**
   * AUDIT_HMAC_KEY: the key audit checkpoints are signed with (its UTF-8 bytes). Absent: a key generated once into
   * `<DATA_DIR>/audit-hmac.key` (mode 0600).
   */
  hmacKey?: string;
  /**
   * CHAIN_LANES: how many appends this process has in flight at once, each chained through a lane of its own
   * (1: one strict chain, every append waits for the one before).
   */
  chainLanes: number;
}

export function parseAuditConfig(env: Readonly<Record<string, string | undefined>>): AuditConfig {
  const chainLanes = parseChainLanes(env.CHAIN_LANES?.trim() || String(DEFAULT_CHAIN_LANES));
  const key = env.AUDIT_HMAC_KEY?.trim();
  if (key === undefined || key === '') return { chainLanes };
  if (key.length < MIN_AUDIT_KEY_LENGTH) throw new InvalidConfigurationError(`AUDIT_HMAC_KEY must be at least ${MIN_AUDIT_KEY_LENGTH} characters, got ${key.length}`);
  return { hmacKey: key, chainLanes };
}

function parseChainLanes(text: string): number {
  const lanes = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
  if (!(lanes >= 1 && lanes <= MAX_CHAIN_LANES)) throw new InvalidConfigurationError(`CHAIN_LANES must be an integer from 1 to ${MAX_CHAIN_LANES}, got '${text}'`);
  return lanes;
}
