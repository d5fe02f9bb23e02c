import { DomainError } from '../shared/domain-error';
import { Decider } from '../shared/decider';
import { deciderSpecification } from './decider-specification';

type Counted = { type: 'Counted'; data: { by: number } };
const counter: Decider<{ by: number }, Counted, number> = {
  decide: ({ by }, total) => {
    if (by <= 0) throw new DomainError('INVALID_FIELD', 'by must be positive', 'by');
    if (total + by > 10) throw new Error('not a domain error');
    return [{ type: 'Counted', data: { by } }];
  },
  evolve: (total, event) => total + event.data.by,
  initialState: () => 0,
};
const spec = deciderSpecification(counter);

describe('deciderSpecification', () => {
  it('passes when the decided events are the expected ones', () => {
    spec.given([{ type: 'Counted', data: { by: 1 } }]).when({ by: 2 }).then([{ type: 'Counted', data: { by: 2 } }]);
  });

  it('fails when the decided events differ', () => {
    expect(() => spec.given([]).when({ by: 2 }).then([{ type: 'Counted', data: { by: 3 } }])).toThrow();
  });

  it('passes when the expected domain error is thrown, with its field', () => {
    spec.given([]).when({ by: 0 }).thenThrows('INVALID_FIELD', 'by');
  });

  it('fails when the command is accepted, or the code or field differ', () => {
    expect(() => spec.given([]).when({ by: 1 }).thenThrows('INVALID_FIELD')).toThrow(/was accepted/);
    expect(() => spec.given([]).when({ by: 0 }).thenThrows('INVALID_DATE')).toThrow(/expected INVALID_DATE/);
    expect(() => spec.given([]).when({ by: 0 }).thenThrows('INVALID_FIELD', 'other')).toThrow(/expected field other/);
  });

  it('lets errors that are not domain errors through', () => {
    expect(() => spec.given([{ type: 'Counted', data: { by: 10 } }]).when({ by: 1 }).thenThrows('INVALID_FIELD')).toThrow('not a domain error');
  });
});
