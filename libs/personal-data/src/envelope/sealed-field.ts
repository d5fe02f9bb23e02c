import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** The cipher of every sealed field: AES-256 in Galois/Counter Mode, authenticated (NIST SP 800-38D). */
export const SEALED_FIELD_CIPHER = 'aes-256-gcm';
/** Raise when the envelope or what its authentication covers changes; `openField` refuses versions it does not know. */
export const SEALED_FIELD_VERSION = 1;

/** Bytes of a person's data key: 256 bits for AES-256. */
export const PERSON_KEY_BYTES = 32;
// SP 800-38D §8.2: a 96-bit IV, random per encryption (a key seals a handful of fields, far below the 2^32 limit).
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * One personal field as stored in an event: the ciphertext under the data key of the person `key` names, with its IV
 * and authentication tag (base64). JSON, so the event stays a JSON event and hashes the same bytes forever.
 */
export interface SealedField {
  $enc: typeof SEALED_FIELD_CIPHER;
  v: typeof SEALED_FIELD_VERSION;
  /** The person whose data key seals it. */
  key: string;
  iv: string;
  ct: string;
  tag: string;
}

/** A sealed field could not be opened: tampered with, opened with another key, or of a version this code does not know. */
export class PersonalDataUnreadableError extends Error {
  readonly code = 'PERSONAL_DATA_UNREADABLE';
  override readonly name = 'PersonalDataUnreadableError';
}

export function isSealedField(value: unknown): value is SealedField {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const candidate = value as Record<string, unknown>;
  return candidate.$enc === SEALED_FIELD_CIPHER && typeof candidate.key === 'string' && typeof candidate.iv === 'string' && typeof candidate.ct === 'string' && typeof candidate.tag === 'string';
}

/** A new random data key for one person. */
export function newPersonKey(): Buffer {
  return randomBytes(PERSON_KEY_BYTES);
}

/**
 * The authenticated data: the version, the person and the field. A ciphertext moved to another person's record or to
 * another field (a name pasted into an email) then fails to open instead of showing up where it does not belong.
 */
function associatedData(personId: string, field: string): Buffer {
  return Buffer.from(`kontakt/personal-data/v${SEALED_FIELD_VERSION}\u0000${personId}\u0000${field}`, 'utf8');
}

/** Seals `plaintext`, the value of `field` of person `personId`, under that person's key. */
export function sealField(plaintext: string, personId: string, field: string, key: Buffer): SealedField {
  requireKeyLength(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(SEALED_FIELD_CIPHER, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(personId, field));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { $enc: SEALED_FIELD_CIPHER, v: SEALED_FIELD_VERSION, key: personId, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** The plaintext of a sealed `field`; refuses (PersonalDataUnreadableError) anything that does not authenticate. */
export function openField(sealed: SealedField, field: string, key: Buffer): string {
  if (sealed.v !== SEALED_FIELD_VERSION) throw new PersonalDataUnreadableError(`sealed ${field} of person ${sealed.key} has version ${String(sealed.v)}, this code knows ${SEALED_FIELD_VERSION}`);
  requireKeyLength(key);
  const iv = Buffer.from(sealed.iv, 'base64');
  const tag = Buffer.from(sealed.tag, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new PersonalDataUnreadableError(`sealed ${field} of person ${sealed.key} has a malformed IV or tag`);
  try {
    const decipher = createDecipheriv(SEALED_FIELD_CIPHER, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(sealed.key, field));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new PersonalDataUnreadableError(`sealed ${field} of person ${sealed.key} does not authenticate: altered, or not sealed with this key`);
  }
}

function requireKeyLength(key: Buffer): void {
  if (key.length !== PERSON_KEY_BYTES) throw new Error(`a person's data key has ${PERSON_KEY_BYTES} bytes, not ${key.length}`);
}
