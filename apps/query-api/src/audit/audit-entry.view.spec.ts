import { AUDIT_CSV_COLUMNS, auditCsvLine } from './audit-csv';
import { csvField } from '../csv/csv';

describe('audit export', () => {
  it('A1: CSV fields with commas, quotes or line breaks are quoted (RFC 4180); formulas are defused', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(null)).toBe('');
    expect(csvField(3)).toBe('3');
    expect(csvField('{"a":1,"b":"x"}')).toBe('"{""a"":1,""b"":""x""}"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-12')).toBe('-12');
  });

  it('A1: the payload is spread over columns of its own, so a spreadsheet reads it', () => {
    const line = auditCsvLine({
      position: 42n,
      eventId: 'e-1',
      stream: 'license-lic-1',
      revision: 3n,
      type: 'CheckoutRefused.v1',
      licenseId: 'lic-1',
      productId: 'maya',
      occurredAt: '2026-03-02T09:00:00.000Z',
      recordedAt: '2026-03-02T09:00:00.010Z',
      actor: 'license:lic-1',
      correlationId: 'c-1',
      causationId: null,
      payload: JSON.stringify({
        licenseId: 'lic-1',
        at: '2026-03-02T09:00:00.000Z',
        actor: { kind: 'license', id: 'lic-1' },
        fingerprint: 'render-node-07',
        reason: 'SEATS_EXHAUSTED',
        seats: { inUse: 10, limit: 10 },
      }),
    });
    const cells = line.trimEnd().split(',');
    const cell = (column: string) => cells[AUDIT_CSV_COLUMNS.indexOf(column)];
    expect(AUDIT_CSV_COLUMNS.slice(0, 7)).toEqual([
      'position',
      'event_id',
      'stream',
      'revision',
      'type',
      'license_id',
      'product_id',
    ]);
    expect(AUDIT_CSV_COLUMNS).not.toContain('actor_kind');
    expect(cell('product_id')).toBe('maya');
    expect(cell('fingerprint')).toBe('render-node-07');
    expect(cell('reason')).toBe('SEATS_EXHAUSTED');
    expect(cell('seats_in_use')).toBe('10');
    expect(cell('seats_limit')).toBe('10');
    expect(cell('lease_id')).toBe('');
    expect(AUDIT_CSV_COLUMNS.at(-1)).toBe('payload');
  });
});
