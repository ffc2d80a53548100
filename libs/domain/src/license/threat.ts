import { DAY } from '../shared/time';
import type { IssuedLicense } from './license.state';
import { valuesIn } from './sharded';

export interface Threat {
  readonly reason: 'geo-spread' | 'machine-churn';
  readonly detail: string;
}

/**
 * O6: a new machine activation that shows geo spread (more distinct countries among bound
 * machines than the policy allows) or machine churn (too many seat moves in the window) raises
 * the threat level to degraded. T2: site policies have geo-spread detection off; churn stays on.
 */
export const threatOnNewMachine = (
  s: IssuedLicense,
  now: number,
  country: string | null,
): Threat | null => {
  if (s.threat === 'degraded') return null;
  const churn = s.policy.machineChurn;
  if (churn.enabled) {
    const moves = s.deactivations.filter((d) => d > now - churn.windowDays * DAY).length;
    if (moves >= churn.maxDeactivations) {
      return {
        reason: 'machine-churn',
        detail: `${moves} machines deactivated in ${churn.windowDays} days (limit ${churn.maxDeactivations})`,
      };
    }
  }
  const geo = s.policy.geoSpread;
  if (geo.enabled && country !== null) {
    const countries = new Set(
      valuesIn(s.activations)
        .map((a) => a.country)
        .filter((c): c is string => c !== null),
    );
    countries.add(country);
    if (countries.size > geo.maxCountries) {
      return {
        reason: 'geo-spread',
        detail: `machines in ${countries.size} countries (${[...countries].sort().join(', ')}); limit ${geo.maxCountries}`,
      };
    }
  }
  return null;
};
