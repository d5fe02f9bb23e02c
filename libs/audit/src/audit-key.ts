import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** AUDIT_HMAC_KEY's shortest length: a key shorter than the hash adds only guessability (RFC 2104 §3). */
export const MIN_AUDIT_KEY_LENGTH = 32;

/** Where a generated key is kept, inside the data folder. */
export const AUDIT_KEY_FILE = 'audit-hmac.key';

export interface AuditKey {
  key: Buffer;
  /** `configured`: from AUDIT_HMAC_KEY. `file`: generated earlier into the file. `generated`: just written to it. */
  origin: 'configured' | 'file' | 'generated';
  file?: string;
}

/**
 * The key checkpoints are signed with: AUDIT_HMAC_KEY when configured, else a random 256-bit key generated once into
 * `<dataDir>/audit-hmac.key`, readable by the owner only (0600), and reused after that, so checkpoints signed before a
 * restart still check.
 */
export async function loadAuditKey(configured: string | undefined, dataDir: string): Promise<AuditKey> {
  if (configured !== undefined) return { key: Buffer.from(configured, 'utf8'), origin: 'configured' };
  const file = join(dataDir, AUDIT_KEY_FILE);
  try {
    const text = (await readFile(file, 'utf8')).trim();
    if (!/^[0-9a-f]{64}$/.test(text)) throw new Error(`${file} does not hold a 64-digit hex key; remove it to generate a new one, or set AUDIT_HMAC_KEY`);
    return { key: Buffer.from(text, 'utf8'), origin: 'file', file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const text = randomBytes(32).toString('hex');
  await mkdir(dataDir, { recursive: true });
  try {
    // `wx`: of two processes starting at once, one writes the key and the other reads it.
    await writeFile(file, `${text}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadAuditKey(configured, dataDir);
    throw error;
  }
  await chmod(file, 0o600);
  return { key: Buffer.from(text, 'utf8'), origin: 'generated', file };
}
