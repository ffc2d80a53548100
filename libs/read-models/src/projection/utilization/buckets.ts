import { HOUR, toIso } from '@lic/domain';

/** Utilization and refusal counts are kept per hour (UTC). */
export const BUCKET_MS = HOUR;

export const bucketStartOf = (ms: number): number => Math.floor(ms / BUCKET_MS) * BUCKET_MS;
export const bucketStartIso = (ms: number): string => toIso(bucketStartOf(ms));
