/** An event: a fact in the past tense with a plain, JSON-serialisable payload. */
export interface DomainEvent<Type extends string, Data extends object> {
  readonly type: Type;
  readonly data: Data;
}

/** A command: what a caller asks an aggregate to do. Ids and dates are passed in; the domain invents none. */
export interface DomainCommand<Type extends string, Data extends object> {
  readonly type: Type;
  readonly data: Data;
}
