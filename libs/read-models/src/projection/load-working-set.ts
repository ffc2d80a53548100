import { In, IsNull, type EntityManager } from 'typeorm';
import {
  ActivationRow,
  LeaseRow,
  LicenseRow,
  ProductRow,
  SessionRow,
  VariantRow,
} from '../schema/entities';
import type { ProjectionCache } from './projection-cache';
import type { ProjectedEvent } from './projected-event';
import { chunks } from './sql/placeholders';
import { WorkingSet } from './working-set';

const IN_LIST = 500;

const findIn = async <T>(ids: readonly string[], find: (ids: string[]) => Promise<T[]>) => {
  const out: T[] = [];
  for (const group of chunks(ids, IN_LIST)) out.push(...(await find(group)));
  return out;
};

/**
 * Loads what the batch's events can touch: their licenses with every active holder, and their
 * products with their variants — from the cache when it has them, else from the database.
 * Ended holders are never touched again, so they stay unloaded. `beforeRead` runs before the
 * database is read, if it is.
 */
export const loadWorkingSet = async (
  manager: EntityManager,
  events: readonly ProjectedEvent[],
  cache?: ProjectionCache,
  beforeRead?: () => Promise<void>,
): Promise<WorkingSet> => {
  const ws = new WorkingSet();
  for (const p of events) {
    if (p.kind === 'license') ws.loadedLicenses.add(p.event.data.licenseId);
    if (p.kind === 'product') ws.loadedProducts.add(p.event.data.productId);
  }
  const licenses: string[] = [];
  for (const id of ws.loadedLicenses) {
    const cached = cache?.license(id);
    if (cached === undefined) {
      licenses.push(id);
      continue;
    }
    if (cached.license !== undefined) ws.licenses.load([cached.license]);
    ws.leases.load(cached.leases);
    ws.sessions.load(cached.sessions);
    ws.activations.load(cached.activations);
  }
  const products: string[] = [];
  for (const id of ws.loadedProducts) {
    const cached = cache?.product(id);
    if (cached === undefined) {
      products.push(id);
      continue;
    }
    if (cached.product !== undefined) ws.products.load([cached.product]);
    ws.variants.load(cached.variants);
  }
  if (licenses.length + products.length > 0) await beforeRead?.();
  ws.licenses.load(
    await findIn(licenses, (ids) => manager.findBy(LicenseRow, { licenseId: In(ids) })),
  );
  ws.leases.load(
    await findIn(licenses, (ids) =>
      manager.findBy(LeaseRow, { licenseId: In(ids), endedAt: IsNull() }),
    ),
  );
  ws.sessions.load(
    await findIn(licenses, (ids) =>
      manager.findBy(SessionRow, { licenseId: In(ids), endedAt: IsNull() }),
    ),
  );
  ws.activations.load(
    await findIn(licenses, (ids) =>
      manager.findBy(ActivationRow, { licenseId: In(ids), deactivatedAt: IsNull() }),
    ),
  );
  ws.products.load(
    await findIn(products, (ids) => manager.findBy(ProductRow, { productId: In(ids) })),
  );
  ws.variants.load(
    await findIn(products, (ids) => manager.findBy(VariantRow, { productId: In(ids) })),
  );
  ws.markLoaded();
  return ws;
};
