import type { Actor } from '../shared/actor';
import { toIso } from '../shared/time';
import type { EventOf, LicenseEventType } from './license.events';

type Common = 'licenseId' | 'at' | 'actor';
export type EventData<T extends LicenseEventType> = Omit<EventOf<T>['data'], Common>;

/** Builds events of one decision: same license, same instant, same actor. */
export const eventsFor = (licenseId: string, now: number, actor: Actor) => {
  const at = toIso(now);
  // The spread is exactly EventOf<T>['data']; TypeScript cannot see through the generic Omit.
  return <T extends LicenseEventType>(type: T, data: EventData<T>): EventOf<T> =>
    ({ type, data: { licenseId, at, actor, ...data } }) as unknown as EventOf<T>;
};
export type EventMaker = ReturnType<typeof eventsFor>;
