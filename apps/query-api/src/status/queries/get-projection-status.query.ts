import { Query } from '@nestjs/cqrs';

export interface ProjectionStatus {
  /** The last position projected; null before the first event. */
  readonly checkpoint: string | null;
  readonly events_projected: string;
}

/** How far the read models go: the projector's checkpoint. */
export class GetProjectionStatus extends Query<ProjectionStatus> {}
