import { Inject, Injectable } from '@nestjs/common';
import { Command } from '@nestjs/cqrs';
import * as E from 'fp-ts/Either';
import type { AggregateRepository } from '@lic/command-pipeline';
import type { ProductCommand, ProductEvent, ProductState } from '@lic/domain';
import { PRODUCT_REPOSITORY } from '../../infrastructure/tokens';
import type { Result } from '../license-use-case';
import { metadataOf, type RequestContext } from '../request-context';

/** A command on one product: its decoded input and who asks. R is its typed answer. */
export abstract class ProductOperation<I extends { productId: string }, R> extends Command<
  Result<R>
> {
  constructor(
    readonly input: I,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/** One product operation's handler: what it decides and what its answer takes from the events. */
@Injectable()
export abstract class ProductHandler<C extends ProductOperation<{ productId: string }, R>, R> {
  constructor(
    @Inject(PRODUCT_REPOSITORY)
    private readonly products: AggregateRepository<ProductCommand, ProductEvent, ProductState>,
  ) {}

  async execute(operation: C): Promise<Result<R>> {
    const command = this.decide(operation);
    const { outcome, position, decidedAt } = await this.products.handle(
      command.productId,
      command,
      metadataOf(operation.context),
    );
    if (E.isLeft(outcome)) return E.left({ ...outcome.left, position });
    return E.right({ ...this.answer(outcome.right, operation), position, decidedAt });
  }

  protected abstract decide(operation: C): ProductCommand;

  protected abstract answer(events: readonly ProductEvent[], operation: C): R;
}

/** A change to a product whose answer restates the request: nothing to take from its events. */
export abstract class ProductChangeHandler<
  C extends ProductOperation<{ productId: string }, object>,
> extends ProductHandler<C, object> {
  protected answer(): object {
    return {};
  }
}
