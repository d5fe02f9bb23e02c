export type DomainErrorCode =
  | 'INVALID_FIELD'
  | 'INVALID_DATE'
  | 'INVALID_SOURCE_CITATION'
  | 'DATE_OUT_OF_ORDER'
  | 'REGION_ALREADY_EXISTS'
  | 'REGION_NOT_FOUND'
  | 'ORGANISATION_ALREADY_EXISTS'
  | 'ORGANISATION_NOT_FOUND'
  | 'PERSON_ALREADY_EXISTS'
  | 'PERSON_NOT_FOUND'
  | 'PERSON_ALREADY_ERASED'
  | 'PERSON_ERASED'
  | 'ROLE_ALREADY_HELD'
  | 'ROLE_NOT_FOUND'
  | 'FAIR_ALREADY_EXISTS'
  | 'COOPERATION_ALREADY_EXISTS'
  | 'COOPERATION_NOT_FOUND'
  | 'COOPERATION_ENDED'
  | 'INVALID_STAGE_TRANSITION'
  | 'DUPLICATE_ENTRY_ID'
  | 'ENTRY_NOT_FOUND'
  | 'ENTRY_ALREADY_RETRACTED'
  | 'INVALID_CORRECTION'
  | 'ACCESS_ALREADY_GRANTED'
  | 'TOKEN_ALREADY_EXISTS'
  | 'TOKEN_NOT_FOUND'
  | 'TOKEN_ALREADY_REVOKED';

/**
 * A command broke a rule of the domain. `code` is stable (edges map it to HTTP); `field` is the path of the command
 * field at fault, where one is, e.g. `participants[0].name`.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
