import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Roles } from '../auth/roles.decorator';
import { GetProjectionStatus } from './queries';

@Controller('query/v1/status')
@Roles('admin', 'auditor')
export class StatusController {
  constructor(private readonly queries: QueryBus) {}

  /** How far the read models go: the projector's checkpoint. */
  @Get()
  status() {
    return this.queries.execute(new GetProjectionStatus());
  }
}
