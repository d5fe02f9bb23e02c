import { NotFoundException } from '@nestjs/common';
import { DomainError } from '@app/domain';
import { ConcurrencyConflictError } from '@app/event-store';
import { Problem } from './problem';
import { toProblemDetails } from './to-problem-details';

describe('toProblemDetails', () => {
  it.each([
    [new DomainError('INVALID_STAGE_TRANSITION', 'cannot go from contact to active', 'to'), 409, 'INVALID_STAGE_TRANSITION'],
    [new DomainError('DATE_OUT_OF_ORDER', 'before the cooperation was opened', 'occurredOn'), 422, 'DATE_OUT_OF_ORDER'],
    [new DomainError('INVALID_DATE', 'occurredOn must be a date', 'occurredOn'), 400, 'INVALID_DATE'],
    [new DomainError('COOPERATION_NOT_FOUND', 'cooperation x does not exist', 'cooperationId'), 404, 'COOPERATION_NOT_FOUND'],
    [new ConcurrencyConflictError('cooperation-x', 2n, 3n), 409, 'CONCURRENCY_CONFLICT'],
    [new Problem(412, 'PRECONDITION_FAILED', 'stale', 'If-Match'), 412, 'PRECONDITION_FAILED'],
    [new NotFoundException('Cannot GET /nowhere'), 404, 'NOT_FOUND'],
    [Object.assign(new Error('relation "status_refs" does not exist'), { code: '42P01' }), 503, 'READ_MODEL_NOT_BUILT'],
    [Object.assign(new Error('no such table: status_refs'), { code: 'SQLITE_ERROR' }), 503, 'READ_MODEL_NOT_BUILT'],
    [Object.assign(new Error('Request body is too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }), 413, 'PAYLOAD_TOO_LARGE'],
  ])('answers %p with %p %p', (error, status, code) => {
    const { problem, unexpected } = toProblemDetails(error, 'request-1');
    expect(problem).toMatchObject({ status, code, instance: 'request-1', type: `urn:kontakt:problem:${code.toLowerCase().replace(/_/g, '-')}` });
    expect(unexpected).toBe(false);
  });

  it('names the field of a domain error', () => {
    const { problem } = toProblemDetails(new DomainError('DATE_OUT_OF_ORDER', 'occurredOn lies before 2016', 'occurredOn'), 'r');
    expect(problem).toMatchObject({ field: 'occurredOn', errors: [{ field: 'occurredOn', message: 'occurredOn lies before 2016' }] });
  });

  it('hides the details of an unexpected error behind a 500', () => {
    const { problem, unexpected } = toProblemDetails(new TypeError('cannot read properties of undefined (secret internals)'), 'r');
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(problem.detail).not.toMatch(/secret/);
    expect(unexpected).toBe(true);
  });
});
