import { newPersonKey, openField, PersonalDataUnreadableError, sealField, type SealedField } from './sealed-field';

describe('sealed fields', () => {
  const key = newPersonKey();

  it('opens what it sealed, with the cipher, version and person named in the envelope', () => {
    const sealed = sealField('Rustam Minnikhanov', 'president-tatarstan', 'name', key);
    expect(sealed).toMatchObject({ $enc: 'aes-256-gcm', v: 1, key: 'president-tatarstan' });
    expect(JSON.stringify(sealed)).not.toContain('Rustam');
    expect(openField(sealed, 'name', key)).toBe('Rustam Minnikhanov');
  });

  it('seals the same value differently each time (a fresh IV)', () => {
    const first = sealField('Рустам Минниханов', 'p', 'name', key);
    const second = sealField('Рустам Минниханов', 'p', 'name', key);
    expect(first.iv).not.toBe(second.iv);
    expect(first.ct).not.toBe(second.ct);
    expect(openField(second, 'name', key)).toBe('Рустам Минниханов');
  });

  it('refuses a tampered ciphertext, IV or tag', () => {
    const sealed = sealField('r.m@example.org', 'p', 'email', key);
    const flipped = (base64: string) => {
      const bytes = Buffer.from(base64, 'base64');
      bytes[0] ^= 1;
      return bytes.toString('base64');
    };
    for (const part of ['ct', 'iv', 'tag'] as const) {
      const tampered: SealedField = { ...sealed, [part]: flipped(sealed[part]) };
      expect(() => openField(tampered, 'email', key)).toThrow(PersonalDataUnreadableError);
    }
  });

  it('refuses to open with another key', () => {
    const sealed = sealField('Rustam Minnikhanov', 'p', 'name', key);
    expect(() => openField(sealed, 'name', newPersonKey())).toThrow(/does not authenticate/);
  });

  it('refuses a ciphertext moved to another person or another field', () => {
    const sealed = sealField('Rustam Minnikhanov', 'p', 'name', key);
    expect(() => openField({ ...sealed, key: 'someone-else' }, 'name', key)).toThrow(PersonalDataUnreadableError);
    expect(() => openField(sealed, 'email', key)).toThrow(PersonalDataUnreadableError);
  });

  it('refuses an envelope of a version it does not know', () => {
    const sealed = { ...sealField('x', 'p', 'name', key), v: 2 } as unknown as SealedField;
    expect(() => openField(sealed, 'name', key)).toThrow(/version 2/);
  });
});
