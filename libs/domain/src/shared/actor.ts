import * as t from 'io-ts';

/**
 * Who asked for a decision. Recorded in every event (A1).
 * - admin: an operator holding a bearer token with the admin role (id = token subject)
 * - license: a client presenting the license key (id = license id; never the key)
 * - system: the server itself (id = the job, e.g. "expiry-sweeper")
 */
export const Actor = t.type({
  kind: t.keyof({ admin: null, license: null, system: null }),
  id: t.string,
});
export type Actor = t.TypeOf<typeof Actor>;

export const systemActor = (id: string): Actor => ({ kind: 'system', id });
export const actorToString = (a: Actor): string => `${a.kind}:${a.id}`;
