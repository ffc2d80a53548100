import { ActivationRow } from './activation.entity';
import { AuditEntryRow } from './audit-entry.entity';
import { LeaseRow } from './lease.entity';
import { LicenseRow } from './license.entity';
import { ProductRow } from './product.entity';
import { ProjectorCheckpointRow } from './projector-checkpoint.entity';
import { RefusalCountRow } from './refusal-count.entity';
import { RefusalRow } from './refusal.entity';
import { SeatOccupancyRow } from './seat-occupancy.entity';
import { SessionRow } from './session.entity';
import { UtilizationBucketRow } from './utilization-bucket.entity';
import { UtilizationStepRow } from './utilization-step.entity';
import { VariantRow } from './variant.entity';

export * from './activation.entity';
export * from './audit-entry.entity';
export * from './lease.entity';
export * from './license.entity';
export * from './product.entity';
export * from './projector-checkpoint.entity';
export * from './refusal-count.entity';
export * from './refusal.entity';
export * from './seat-occupancy.entity';
export * from './session.entity';
export * from './utilization-bucket.entity';
export * from './utilization-step.entity';
export * from './variant.entity';

export const readModelEntities = [
  LicenseRow,
  ProductRow,
  VariantRow,
  SeatOccupancyRow,
  LeaseRow,
  SessionRow,
  ActivationRow,
  AuditEntryRow,
  UtilizationBucketRow,
  UtilizationStepRow,
  RefusalCountRow,
  RefusalRow,
  ProjectorCheckpointRow,
] as const;
