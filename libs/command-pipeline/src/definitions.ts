import {
  LicenseEvent,
  LicenseState,
  ProductEvent,
  foldableLicenseEvent,
  foldableProductEvent,
  initialProductState,
  licenseDecider,
  licenseStateSchemaVersion,
  licenseStream,
  productDecider,
  productStream,
  type LicenseCommand,
  type ProductCommand,
  type ProductState,
} from '@lic/domain';
import * as t from 'io-ts';
import type { AggregateDefinition } from './aggregate-definition';

export const licenseAggregate: AggregateDefinition<LicenseCommand, LicenseEvent, LicenseState> = {
  name: 'license',
  decider: licenseDecider,
  streamName: licenseStream,
  eventCodec: LicenseEvent,
  readStored: foldableLicenseEvent,
  stateCodec: LicenseState,
  stateSchemaVersion: licenseStateSchemaVersion,
};

/** Products are small and rarely written: their snapshots are never needed, so never valid. */
const noProductSnapshot = new t.Type<ProductState, unknown, unknown>(
  'ProductStateSnapshot',
  (_u): _u is ProductState => false,
  (u, c) => t.failure(u, c, 'product snapshots are not used'),
  t.identity,
);

export const productAggregate: AggregateDefinition<ProductCommand, ProductEvent, ProductState> = {
  name: 'product',
  decider: productDecider,
  streamName: productStream,
  eventCodec: ProductEvent,
  readStored: foldableProductEvent,
  stateCodec: noProductSnapshot,
  stateSchemaVersion: 'product-state.none',
};

export { initialProductState };
