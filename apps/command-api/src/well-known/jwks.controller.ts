import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { KeyRing } from '@lic/signing';
import { KEY_RING } from '../infrastructure/tokens';

/** O1: the public keys that verify every token and envelope, current first. */
@Controller('.well-known')
export class JwksController {
  constructor(@Inject(KEY_RING) private readonly ring: KeyRing) {}

  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=300')
  jwks() {
    return this.ring.jwks();
  }
}
