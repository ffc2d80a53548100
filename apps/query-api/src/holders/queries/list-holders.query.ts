import { Query } from '@nestjs/cqrs';
import type { KeysetPage } from '../../http/keyset-page';
import type { ActivationView, LeaseView, SessionView } from '../holder.views';
import type { HoldersParams } from '../holders.query-params';

/** The view of each kind of holder. */
export interface HolderViews {
  readonly leases: LeaseView;
  readonly sessions: SessionView;
  readonly activations: ActivationView;
}
export type HolderKindName = keyof HolderViews;

/** Which license's holders, of which kind, and which of them. */
export interface HoldersOf<K extends HolderKindName> {
  readonly kind: K;
  readonly licenseId: string;
  readonly filter: HoldersParams;
}

export type HoldersPage<K extends HolderKindName> = KeysetPage<HolderViews[K]>;

/**
 * A license's leases, sessions or activations (the kind types the answer), newest first;
 * null when there is no such license.
 */
export class ListHolders<K extends HolderKindName> extends Query<HoldersPage<K> | null> {
  constructor(readonly of: HoldersOf<K>) {
    super();
  }
}
