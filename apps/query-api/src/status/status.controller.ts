import { Controller, Get } from '@nestjs/common';
import { Roles } from '../auth/roles.decorator';
import { CheckpointWatcher } from '../consistency/checkpoint-watcher';

@Controller('query/v1/status')
@Roles('admin', 'auditor')
export class StatusController {
  constructor(private readonly watcher: CheckpointWatcher) {}

  /** How far the read models go: the projector's checkpoint. */
  @Get()
  async status() {
    const c = await this.watcher.current();
    return {
      checkpoint: c.position === null ? null : c.position.toString(10),
      events_projected: c.eventsProjected.toString(10),
    };
  }
}
