/** Rows of one table held for a batch: loaded ones, and the ones the batch changed. */
export class RowMap<Row> {
  protected readonly rows = new Map<string, Row>();
  private readonly dirty = new Set<string>();

  constructor(protected readonly keyOf: (row: Row) => string) {}

  load(rows: Iterable<Row>): void {
    for (const row of rows) this.rows.set(this.keyOf(row), row);
  }

  get(key: string): Row | undefined {
    return this.rows.get(key);
  }

  put(row: Row): void {
    const key = this.keyOf(row);
    this.rows.set(key, row);
    this.dirty.add(key);
  }

  isChanged(key: string): boolean {
    return this.dirty.has(key);
  }

  changed(): Row[] {
    return [...this.dirty].map((key) => this.rows.get(key) as Row);
  }

  all(): Row[] {
    return [...this.rows.values()];
  }
}

/**
 * Holders (leases, sessions, activations) keyed by their row id, with an index of the active
 * one per license and holder id: an id (a lease id, a fingerprint) can come back after its
 * holder ended, as a new row.
 */
export class HolderMap<Row extends { readonly licenseId: string }> extends RowMap<Row> {
  private readonly active = new Map<string, string>();

  constructor(
    keyOf: (row: Row) => string,
    private readonly holderOf: (row: Row) => string,
    private readonly isActive: (row: Row) => boolean,
  ) {
    super(keyOf);
  }

  override load(rows: Iterable<Row>): void {
    for (const row of rows) {
      super.load([row]);
      this.index(row);
    }
  }

  override put(row: Row): void {
    super.put(row);
    this.index(row);
  }

  activeOf(licenseId: string, holder: string): Row | undefined {
    const key = this.active.get(`${licenseId}\u0000${holder}`);
    return key === undefined ? undefined : this.rows.get(key);
  }

  /** The active rows of each license, over everything loaded and changed. */
  activeByLicense(): Map<string, Row[]> {
    const out = new Map<string, Row[]>();
    for (const row of this.rows.values()) {
      if (!this.isActive(row)) continue;
      const list = out.get(row.licenseId);
      if (list === undefined) out.set(row.licenseId, [row]);
      else list.push(row);
    }
    return out;
  }

  /** Active holders per license, over everything loaded and changed. */
  activeCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const row of this.rows.values()) {
      if (this.isActive(row)) counts.set(row.licenseId, (counts.get(row.licenseId) ?? 0) + 1);
    }
    return counts;
  }

  private index(row: Row): void {
    const slot = `${row.licenseId}\u0000${this.holderOf(row)}`;
    const key = this.keyOf(row);
    if (this.isActive(row)) this.active.set(slot, key);
    else if (this.active.get(slot) === key) this.active.delete(slot);
  }
}
