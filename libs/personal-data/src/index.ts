// The only public face of @app/personal-data.
export {
  isSealedField,
  newPersonKey,
  openField,
  PERSON_KEY_BYTES,
  PersonalDataUnreadableError,
  sealField,
  SEALED_FIELD_CIPHER,
  SEALED_FIELD_VERSION,
} from './envelope/sealed-field';
export type { SealedField } from './envelope/sealed-field';
export {
  ERASED_PERSON_NAME,
  erasePersonalFields,
  eraseRecord,
  PERSONAL_FIELDS,
  peopleToSeal,
  revealPersonalFields,
  sealingPeopleIn,
  sealPersonalFields,
} from './fields/personal-fields';
export type { PersonalField } from './fields/personal-fields';
export { PersonalDataKeyStore } from './keys/personal-data-key-store';
export type { PersonalDataKeys, PersonKeyState } from './keys/personal-data-key-store';
export { PersonalDataRevealer } from './revealing/personal-data-revealer';
export type { EventWithData } from './revealing/personal-data-revealer';
