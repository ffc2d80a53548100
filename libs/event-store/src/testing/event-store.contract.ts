import { collect, streamNamer } from './contract-fixtures';
import { describeAppendContract } from './contract/append.contract';
import { describeCloseContract } from './contract/close.contract';
import type { ContractContext, EventStoreUnderTest } from './contract/contract-context';
import { describeReadContract } from './contract/read.contract';
import { describeSnapshotContract } from './contract/snapshot.contract';
import { describeSubscriptionContract } from './contract/subscription.contract';

export type { EventStoreUnderTest } from './contract/contract-context';

/**
 * The behaviour every EventStore / SnapshotStore adapter must show. Registers jest blocks; call
 * it from a spec file with a factory. Stream names are unique per run, and no test assumes the
 * store is empty, so the suite also runs against a long-lived real server.
 */
export function describeEventStoreContract(
  adapterName: string,
  open: () => Promise<EventStoreUnderTest>,
  { dropSubscriptions = false }: { readonly dropSubscriptions?: boolean } = {},
): void {
  describe(`${adapterName}: EventStore contract`, () => {
    let opened: EventStoreUnderTest | undefined;
    const stream = streamNamer();
    const store = (): EventStoreUnderTest => {
      if (opened === undefined) throw new Error('the store under test is not open yet');
      return opened;
    };
    const ctx: ContractContext = {
      get store() {
        return store();
      },
      get eventStore() {
        return store().eventStore;
      },
      get snapshotStore() {
        return store().snapshotStore;
      },
      stream,
      append: (name, events, expected = 'any') =>
        store().eventStore.appendToStream(name, events, expected),
      readDomain: (after) =>
        collect(store().eventStore.readAll(after === undefined ? {} : { after })),
    };

    beforeAll(async () => {
      opened = await open();
    });
    afterAll(async () => {
      await opened?.close();
    });

    describeAppendContract(ctx);
    describeReadContract(ctx);
    describeSubscriptionContract(ctx, { dropSubscriptions });
    describeSnapshotContract(ctx);
    describeCloseContract(open);

    it('answers ping', async () => {
      await expect(ctx.eventStore.ping()).resolves.toBeUndefined();
    });
  });
}
