import { randomUUID } from 'node:crypto';
import {
  LicenseEvent,
  actorToString,
  systemActor,
  tallyRefusal,
  LicenseState,
  ProductEvent,
  foldableLicenseEvent,
  foldableProductEvent,
  initialProductState,
  licenseDecider,
  licenseEventAt,
  licenseMemos,
  licenseStateSchemaVersion,
  licenseStream,
  memoKeys,
  memoryWindow,
  productDecider,
  sizeOf,
  productStream,
  type LicenseCommand,
  type ProductCommand,
  type ProductState,
} from '@lic/domain';
import * as t from 'io-ts';
import type { AggregateDefinition } from './aggregate-definition';

/**
 * Entries of a license's state that grow with its machines and refusals (each about 150 bytes
 * of snapshot). Idempotency keys and ended holders, which grow with traffic, are in its memory.
 */
const growingEntries = (state: LicenseState): number =>
  state.kind === 'issued' ? sizeOf(state.activations) + sizeOf(state.refusals.recent) : 0;

export const licenseAggregate: AggregateDefinition<LicenseCommand, LicenseEvent, LicenseState> = {
  name: 'license',
  decider: licenseDecider,
  streamName: licenseStream,
  readStored: foldableLicenseEvent,
  stateCodec: LicenseState,
  stateSchemaVersion: licenseStateSchemaVersion,
  // A site license (20,000 activations: a 5 MB snapshot) is snapshotted every 2,000 events
  // instead of every 100: about 2.5 KB written per event, whatever its size.
  snapshotSpacing: (state) => Math.floor(growingEntries(state) / 10),
  // F6 records and recently ended holders: kept beside the state, never snapshotted.
  memory: {
    memosOf: licenseMemos,
    keysFor: memoKeys,
    window: memoryWindow,
    eventAt: licenseEventAt,
  },
  tally: {
    add: (pending, id, refusal, at) =>
      tallyRefusal(pending?.type === 'TallyRefusals' ? pending : null, id, refusal, at),
    metadata: () => {
      const id = randomUUID();
      return {
        correlationId: id,
        causationId: id,
        actor: actorToString(systemActor('refusal-tally')),
      };
    },
  },
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
  readStored: foldableProductEvent,
  stateCodec: noProductSnapshot,
  stateSchemaVersion: 'product-state.none',
};

export { initialProductState };
