import type { RefusalRow } from '@lic/read-models';

/** A recorded refusal with who was refused. */
export const refusalView = (r: RefusalRow) => ({
  position: r.position.toString(10),
  occurred_at: r.occurredAt,
  license_id: r.licenseId,
  product_id: r.productId,
  kind: r.kind,
  reason: r.reason,
  client:
    r.fingerprint !== null
      ? { type: 'machine' as const, id: r.fingerprint }
      : r.username !== null
        ? { type: r.sessionKind === 'service' ? 'service-account' : 'user', id: r.username }
        : null,
  count: r.count,
});

export type RefusalView = ReturnType<typeof refusalView>;
