import { fieldProblems } from '../errors/license-error';
import { errorFromAnswer } from './error-body';

describe('server errors in the SDK', () => {
  it('O4: error details are typed as both APIs send them: field problems for a 400, named facts otherwise', () => {
    const bad = errorFromAnswer(
      400,
      new Headers(),
      {
        error: {
          code: 'BAD_REQUEST',
          message: 'body.fingerprint is required',
          details: [{ field: 'body.fingerprint', problem: 'is required (Fingerprint)' }],
        },
      },
      'activate',
    );
    expect(fieldProblems(bad)).toEqual([
      { field: 'body.fingerprint', problem: 'is required (Fingerprint)' },
    ]);
    const full = errorFromAnswer(
      409,
      new Headers({ 'retry-after': '2' }),
      {
        error: {
          code: 'SEATS_EXHAUSTED',
          message: 'no seat',
          details: { seats: { inUse: 3, limit: 3 } },
        },
      },
      'checkout',
    );
    expect([full.details, full.retryAfter, fieldProblems(full)]).toEqual([
      { seats: { inUse: 3, limit: 3 } },
      2,
      [],
    ]);
    const odd = errorFromAnswer(
      500,
      new Headers(),
      { error: { code: 'X', message: 'm', details: [1, 2] } },
      'x',
    );
    expect(odd.details).toBeUndefined();
  });
});
