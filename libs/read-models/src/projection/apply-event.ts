import type { ProjectedEvent } from './projected-event';
import { activationsProjection } from './projections/activations.projection';
import { auditProjection } from './projections/audit.projection';
import { leasesProjection } from './projections/leases.projection';
import { licensesProjection } from './projections/licenses.projection';
import { productsProjection } from './projections/products.projection';
import { refusalsProjection } from './projections/refusals.projection';
import { sessionsProjection } from './projections/sessions.projection';
import type { WorkingSet } from './working-set';

/** Every read model's projection of one event, applied to the batch's rows in turn. */
export const applyEvent = (ws: WorkingSet, p: ProjectedEvent): void => {
  ws.apply(auditProjection(p, ws));
  if (p.kind === 'product') ws.apply(productsProjection(p, ws));
  if (p.kind !== 'license') return;
  ws.apply(licensesProjection(p, ws));
  ws.apply(activationsProjection(p, ws));
  ws.apply(leasesProjection(p, ws));
  ws.apply(sessionsProjection(p, ws));
  ws.apply(refusalsProjection(p, ws));
};
