import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { LicenseEvent, ProductEvent, firstProblem } from '@lic/domain';
import type { RecordedEvent } from '@lic/event-store';
import type { ProjectedEvent } from './projected-event';

const byType = (codecs: readonly t.Mixed[]): ReadonlyMap<string, t.Mixed> =>
  new Map(codecs.map((codec) => [codec.name, codec]));

/** Each member codec is named after its event type (see license.events.ts). */
const licenseCodecs = byType(LicenseEvent.types);
const productCodecs = byType(ProductEvent.types);

/**
 * Decodes with the one codec the type names (not the whole union: faster, and a failure says
 * which field). An unknown type, or a known type whose data does not decode, is `other`.
 */
export const decodeRecordedEvent = (recorded: RecordedEvent): ProjectedEvent => {
  const isLicense = recorded.streamName.startsWith('license-');
  const codec = (isLicense ? licenseCodecs : productCodecs).get(recorded.type);
  if (codec === undefined) {
    return { kind: 'other', recorded, why: `unknown event type ${recorded.type}`, known: false };
  }
  const decoded = codec.decode({ type: recorded.type, data: recorded.data });
  if (E.isLeft(decoded)) {
    const why = `${recorded.type} does not decode: ${firstProblem(decoded.left, 'event')}`;
    return { kind: 'other', recorded, why, known: true };
  }
  return isLicense
    ? { kind: 'license', recorded, event: decoded.right as LicenseEvent }
    : { kind: 'product', recorded, event: decoded.right as ProductEvent };
};
