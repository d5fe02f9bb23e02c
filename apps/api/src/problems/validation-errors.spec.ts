import { ValidationError } from 'class-validator';
import { fieldErrors } from './validation-errors';

function error(property: string, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

describe('fieldErrors', () => {
  it('names nested fields by their path, with array indexes in brackets', () => {
    const errors = [error('participants', undefined, [error('0', undefined, [error('level', { isIn: 'level must be one of head-of-state, minister' })])])];
    expect(fieldErrors(errors)).toEqual([{ field: 'participants[0].level', message: 'participants[0].level must be one of head-of-state, minister' }]);
  });

  it('says an unknown field is unknown', () => {
    expect(fieldErrors([error('population', { whitelistValidation: 'property population should not exist' })])).toEqual([
      { field: 'population', message: 'population is not a known field' },
    ]);
  });
});
