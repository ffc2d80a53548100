import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { KeyRing } from '@lic/signing';
import { KEY_RING } from '../infrastructure/tokens';

const EVERY_MS = 30_000;

/**
 * Picks up a key rotation made by `npm run keys:rotate` (or by another instance sharing the
 * key directory): re-reads the ring every 30 s. Old public keys stay published in the JWKS.
 */
@Injectable()
export class KeyRingRefresher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('keys');
  private timer: NodeJS.Timeout | null = null;

  constructor(@Inject(KEY_RING) private readonly ring: KeyRing) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.refresh(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const before = this.ring.current.kid;
    try {
      await this.ring.reload();
      if (this.ring.current.kid !== before) {
        this.logger.log(`signing key rotated: ${before} -> ${this.ring.current.kid}`);
      }
    } catch (error) {
      this.logger.error(`cannot reload the signing keys: ${String(error)}`);
    }
  }
}
