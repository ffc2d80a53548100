import { Command } from '@nestjs/cqrs';
import type { Decided } from '@lic/command-pipeline';
import type { ProductCommand, ProductEvent, ProductState } from '@lic/domain';
import type { RequestContext } from './request-context';

export class DecideProduct extends Command<Decided<ProductEvent, ProductState>> {
  constructor(
    readonly command: ProductCommand,
    readonly context: RequestContext,
  ) {
    super();
  }
}
