import type { LicenseEvent } from '@lic/domain';
import type { RecordedEvent } from '@lic/event-store';
import type { LicenseRow } from '../../schema/entities';
import type { ReadView } from '../row-change';
import { refusalsProjection } from './refusals.projection';

const AT = '2026-03-02T09:17:00.000Z';
const actor = { kind: 'license', id: 'lic-1' } as const;
const view = {
  license: (id: string) => (id === 'lic-1' ? ({ productId: 'maya' } as LicenseRow) : undefined),
} as ReadView;
const projected = (event: LicenseEvent, position = 7n) => ({
  kind: 'license' as const,
  recorded: { position } as RecordedEvent,
  event,
});

describe('refusals projection', () => {
  it('U2: a refusal is recorded with who was refused and the license’s product, and counted in its hour', () => {
    const changes = refusalsProjection(
      projected({
        type: 'SessionRefused.v1',
        data: {
          licenseId: 'lic-1',
          at: AT,
          actor,
          username: 'ci-bot',
          kind: 'service',
          reason: 'SEATS_EXHAUSTED',
          seats: { inUse: 3, limit: 3 },
          shared: { inUse: 2, limit: 2 },
        },
      }),
      view,
    );
    expect(changes).toEqual([
      {
        table: 'refusal_counts',
        increment: {
          licenseId: 'lic-1',
          kind: 'session',
          reason: 'SEATS_EXHAUSTED',
          bucketStart: '2026-03-02T09:00:00.000Z',
          count: 1,
        },
      },
      {
        table: 'refusals',
        row: {
          position: 7n,
          licenseId: 'lic-1',
          productId: 'maya',
          kind: 'session',
          reason: 'SEATS_EXHAUSTED',
          fingerprint: null,
          username: 'ci-bot',
          sessionKind: 'service',
          occurredAt: AT,
          count: 1,
        },
      },
    ]);
  });

  it('O5: a tally is its count of refusals with no client (they were counted, not recorded one by one)', () => {
    const changes = refusalsProjection(
      projected({
        type: 'RefusalsTallied.v1',
        data: {
          licenseId: 'lic-1',
          at: AT,
          actor: { kind: 'system', id: 'sweeper' },
          kind: 'checkout',
          reason: 'SEATS_EXHAUSTED',
          count: 40,
          from: '2026-03-02T08:10:00.000Z',
          to: '2026-03-02T09:10:00.000Z',
        },
      } as LicenseEvent),
      view,
    );
    expect(changes[1]).toMatchObject({
      table: 'refusals',
      row: { fingerprint: null, username: null, count: 40, occurredAt: '2026-03-02T09:10:00.000Z' },
    });
  });
});
