import * as E from 'fp-ts/Either';
import { fold } from '../shared/decider';
import { HOUR } from '../shared/time';
import type { AccessTokenCommand } from './access-token.commands';
import { IssueAccessToken } from './access-token.commands';
import { accessTokenStatus, accessTokensDecider, refusalOf } from './access-token.decider';
import { AccessTokenEvent } from './access-token.events';

const admin = { kind: 'admin' as const, id: 'alice' };
const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const issue: AccessTokenCommand = {
  type: 'IssueAccessToken',
  tokenId: 'tok-1',
  roles: ['auditor'],
  subject: 'audit-team',
  label: 'compliance team',
  expiresAt: T0 + 720 * HOUR,
  actor: admin,
};
const revoke: AccessTokenCommand = { type: 'RevokeAccessToken', tokenId: 'tok-1', actor: admin };

const stateOf = (history: readonly AccessTokenEvent[]) =>
  fold(accessTokensDecider.evolve, accessTokensDecider.initialState, history);
const decide = (history: readonly AccessTokenEvent[], command: AccessTokenCommand, now = T0) =>
  accessTokensDecider.decide(command, stateOf(history), { now });
const events = (history: readonly AccessTokenEvent[], command: AccessTokenCommand, now = T0) => {
  const r = decide(history, command, now);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return [...r.right];
};

describe('access tokens: issued and revoked as events of the admin-tokens stream', () => {
  it('A1: issuing records id, roles, subject, label, lifetime and actor — never a token, and reads back through its codec', () => {
    const issued = events([], issue);
    expect(issued).toEqual([
      {
        type: 'AdminTokenIssued.v1',
        data: {
          tokenId: 'tok-1',
          roles: ['auditor'],
          subject: 'audit-team',
          label: 'compliance team',
          issuedAt: '2026-03-02T09:00:00.000Z',
          expiresAt: '2026-04-01T09:00:00.000Z',
          at: '2026-03-02T09:00:00.000Z',
          actor: admin,
        },
      },
    ]);
    expect(E.isRight(AccessTokenEvent.decode(issued[0]))).toBe(true);
    expect(Object.keys(issued[0]?.data ?? {})).not.toContain('token');
  });

  it('A1: a token id is recorded once; no role, a role twice, or a lifetime ending before its issue is refused', () => {
    const issued = events([], issue);
    expect(decide(issued, issue)).toEqual(
      E.left(expect.objectContaining({ code: 'TOKEN_EXISTS' })),
    );
    for (const bad of [
      { ...issue, roles: [] },
      { ...issue, roles: ['admin', 'admin'] },
      { ...issue, expiresAt: T0 },
    ] as AccessTokenCommand[]) {
      expect(decide([], bad)).toEqual(E.left(expect.objectContaining({ code: 'INVALID_COMMAND' })));
    }
  });

  it('A1: the command codec bounds the label to 100 characters and knows only admin and auditor', () => {
    expect(E.isRight(IssueAccessToken.decode({ ...issue, label: 'x'.repeat(100) }))).toBe(true);
    expect(E.isLeft(IssueAccessToken.decode({ ...issue, label: 'x'.repeat(101) }))).toBe(true);
    expect(E.isLeft(IssueAccessToken.decode({ ...issue, roles: ['root'] }))).toBe(true);
  });

  it('A1: revoking records who and when; an unknown id is refused; revoking again records nothing', () => {
    const issued = events([], issue);
    const revoked = events(issued, revoke, T0 + HOUR);
    expect(revoked).toEqual([
      {
        type: 'AdminTokenRevoked.v1',
        data: { tokenId: 'tok-1', at: '2026-03-02T10:00:00.000Z', actor: admin },
      },
    ]);
    expect(decide([], revoke)).toEqual(
      E.left(expect.objectContaining({ code: 'TOKEN_NOT_FOUND' })),
    );
    expect(decide([...issued, ...revoked], revoke)).toEqual(E.right([]));
  });

  it('A1: a token is accepted while recorded, not revoked and not expired; revoked wins over expired', () => {
    const issued = events([], issue);
    const record = stateOf(issued).tokens['tok-1'];
    if (!record) throw new Error('not recorded');
    expect(refusalOf(stateOf(issued), 'tok-1', T0 + HOUR)).toBeNull();
    expect(refusalOf(stateOf(issued), 'tok-2', T0)).toMatchObject({ code: 'INVALID_TOKEN' });
    expect(accessTokenStatus(record, T0 + 720 * HOUR)).toBe('expired');
    const history = [...issued, ...events(issued, revoke, T0 + HOUR)];
    expect(refusalOf(stateOf(history), 'tok-1', T0 + 2 * HOUR)).toEqual({
      code: 'TOKEN_REVOKED',
      reason: 'revoked at 2026-03-02T10:00:00.000Z',
      message: 'the access token was revoked at 2026-03-02T10:00:00.000Z',
    });
    const revoked = stateOf(history).tokens['tok-1'];
    expect(revoked && accessTokenStatus(revoked, T0 + 720 * HOUR)).toBe('revoked');
  });
});
