import { Column, PrimaryColumn, type ColumnOptions } from 'typeorm';
import { bigNumberTransformer, bigintTransformer, countTransformer } from './bigint.transformer';

/**
 * Column shapes shared by the read models. Instants are stored exactly as events carry them:
 * ISO-8601 UTC with milliseconds (24 characters), which sorts lexicographically in time order
 * on every database and compares byte for byte between a live build and a replay.
 */
export const INSTANT_LENGTH = 24;
export const ID_LENGTH = 64;

export const IdColumn = (name: string, options: ColumnOptions = {}) =>
  Column({ name, type: 'varchar', length: ID_LENGTH, ...options });
export const PrimaryIdColumn = (name: string) =>
  PrimaryColumn({ name, type: 'varchar', length: ID_LENGTH });
export const InstantColumn = (name: string, options: ColumnOptions = {}) =>
  Column({ name, type: 'varchar', length: INSTANT_LENGTH, ...options });
export const NameColumn = (name: string, length = 32, options: ColumnOptions = {}) =>
  Column({ name, type: 'varchar', length, ...options });
export const TextColumn = (name: string, options: ColumnOptions = {}) =>
  Column({ name, type: 'text', ...options });
/**
 * A count or a cap (seats, minutes, heartbeats, refusals): bigint in the database, so that no
 * value an event may carry overflows it (PostgreSQL's integer stops at 2^31 − 1), a number in
 * code.
 */
export const IntColumn = (name: string, options: ColumnOptions = {}) =>
  Column({ name, type: 'bigint', transformer: countTransformer, ...options });
export const BoolColumn = (name: string) => Column({ name, type: 'boolean' });
/** An event store position or revision. */
export const PositionColumn = (name: string, options: ColumnOptions = {}) =>
  Column({ name, type: 'bigint', transformer: bigintTransformer, ...options });
export const PrimaryPositionColumn = (name: string) =>
  PrimaryColumn({ name, type: 'bigint', transformer: bigintTransformer });
/** Sums of milliseconds: bigint in the database, a (safe) number in code. */
export const MillisColumn = (name: string) =>
  Column({ name, type: 'bigint', transformer: bigNumberTransformer });
