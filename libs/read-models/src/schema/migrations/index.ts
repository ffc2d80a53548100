import { CreateReadModels1763880000000 } from './1763880000000-create-read-models';
import { RefusalsByClient1764600000000 } from './1764600000000-refusals-by-client';
import { WidenCounts1765000000000 } from './1765000000000-widen-counts';
import { LeaseHostnames1765100000000 } from './1765100000000-lease-hostnames';
import { UtilizationSteps1765200000000 } from './1765200000000-utilization-steps';

/** In order. A new read model or column is a new migration appended here. */
export const readModelMigrations = [
  CreateReadModels1763880000000,
  RefusalsByClient1764600000000,
  WidenCounts1765000000000,
  LeaseHostnames1765100000000,
  UtilizationSteps1765200000000,
] as const;
