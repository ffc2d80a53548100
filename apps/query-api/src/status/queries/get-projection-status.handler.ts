import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CheckpointWatcher } from '../../consistency/checkpoint-watcher';
import { GetProjectionStatus, type ProjectionStatus } from './get-projection-status.query';

@QueryHandler(GetProjectionStatus)
export class GetProjectionStatusHandler implements IQueryHandler<GetProjectionStatus> {
  constructor(private readonly watcher: CheckpointWatcher) {}

  async execute(): Promise<ProjectionStatus> {
    const c = await this.watcher.current();
    return {
      checkpoint: c.position === null ? null : c.position.toString(10),
      events_projected: c.eventsProjected.toString(10),
    };
  }
}
