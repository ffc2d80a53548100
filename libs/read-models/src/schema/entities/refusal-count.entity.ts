import { Entity, PrimaryColumn } from 'typeorm';
import { INSTANT_LENGTH, IntColumn, PrimaryIdColumn } from '../columns';

export type RefusalKindName = 'activation' | 'checkout' | 'session' | 'validation';

/** U2: refusals per license, kind and reason, per hour (a tally counts by its `count`). */
@Entity({ name: 'refusal_counts' })
export class RefusalCountRow {
  @PrimaryIdColumn('license_id') licenseId!: string;
  @PrimaryColumn({ name: 'kind', type: 'varchar', length: 16 }) kind!: RefusalKindName;
  @PrimaryColumn({ name: 'reason', type: 'varchar', length: 32 }) reason!: string;
  @PrimaryColumn({ name: 'bucket_start', type: 'varchar', length: INSTANT_LENGTH })
  bucketStart!: string;
  @IntColumn('count') count!: number;
}
