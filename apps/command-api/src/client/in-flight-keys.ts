import { Injectable } from '@nestjs/common';
import { ApiError } from '@lic/app';

/**
 * F6: a request whose Idempotency-Key is still being processed on this instance is a
 * conflict (409), like Stripe's. Across instances the expected revision serializes them and
 * the later one is answered as a replay.
 */
@Injectable()
export class InFlightKeys {
  private readonly keys = new Set<string>();

  async run<T>(licenseId: string, key: string, work: () => Promise<T>): Promise<T> {
    const id = `${licenseId}\u0000${key}`;
    if (this.keys.has(id)) {
      throw new ApiError(
        'IDEMPOTENCY_KEY_IN_USE',
        'a request with this Idempotency-Key is still in progress; retry it later',
      );
    }
    this.keys.add(id);
    try {
      return await work();
    } finally {
      this.keys.delete(id);
    }
  }
}
