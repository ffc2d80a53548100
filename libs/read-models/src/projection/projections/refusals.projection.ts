import { fromIso } from '@lic/domain';
import type { RefusalKindName, RefusalRow } from '../../schema/entities';
import { bucketStartIso } from '../utilization/buckets';
import type { LicenseProjected } from '../projected-event';
import type { Projection, RowChange } from '../row-change';

interface Refused {
  readonly kind: RefusalKindName;
  readonly reason: string;
  readonly at: string;
  readonly count: number;
  readonly fingerprint: string | null;
  readonly username: string | null;
  readonly sessionKind: string | null;
}

/** A refusal; the client's fields are null where the event names none (a tally). */
const refusal = (
  kind: RefusalKindName,
  reason: string,
  at: string,
  count: number,
  client: { fingerprint?: string; username?: string; sessionKind?: string } = {},
): Refused => ({
  kind,
  reason,
  at,
  count,
  fingerprint: client.fingerprint ?? null,
  username: client.username ?? null,
  sessionKind: client.sessionKind ?? null,
});

const refusedKind = {
  'ActivationRefused.v1': 'activation',
  'CheckoutRefused.v1': 'checkout',
  'ValidationRefused.v1': 'validation',
} as const;

/** The refusal an event records, if it records one (a tally: `count` of them, no client). */
const refusedBy = (p: LicenseProjected): Refused | null => {
  const e = p.event;
  switch (e.type) {
    case 'ActivationRefused.v1':
    case 'CheckoutRefused.v1':
    case 'ValidationRefused.v1':
      return refusal(refusedKind[e.type], e.data.reason, e.data.at, 1, {
        fingerprint: e.data.fingerprint,
      });
    case 'SessionRefused.v1':
      return refusal('session', e.data.reason, e.data.at, 1, {
        username: e.data.username,
        sessionKind: e.data.kind,
      });
    case 'RefusalsTallied.v1':
      return refusal(e.data.kind, e.data.reason, e.data.to, e.data.count);
    default:
      return null;
  }
};

/**
 * U2: every refusal counted by reason per hour (`refusal_counts`), and each recorded refusal
 * with who was refused (`refusals`). A `*Refused.v1` event is one refusal, in the hour it was
 * decided; a `RefusalsTallied.v1` is `count` refusals, in the hour of its `to` (the last one).
 */
export const refusalsProjection: Projection<LicenseProjected> = (p, view): RowChange[] => {
  const refused = refusedBy(p);
  if (refused === null || refused.count === 0) return [];
  const licenseId = p.event.data.licenseId;
  const row: RefusalRow = {
    position: p.recorded.position,
    licenseId,
    productId: view.license(licenseId)?.productId ?? '',
    kind: refused.kind,
    reason: refused.reason,
    fingerprint: refused.fingerprint,
    username: refused.username,
    sessionKind: refused.sessionKind,
    occurredAt: refused.at,
    count: refused.count,
  };
  return [
    {
      table: 'refusal_counts',
      increment: {
        licenseId,
        kind: refused.kind,
        reason: refused.reason,
        bucketStart: bucketStartIso(fromIso(refused.at)),
        count: refused.count,
      },
    },
    { table: 'refusals', row },
  ];
};
