import { Command } from '@nestjs/cqrs';
import type { AccessRole, AccessTokenRecord } from '@lic/domain';
import type { Result } from '../license-use-case';
import type { RequestContext } from '../request-context';

export interface MintAccessTokenInput {
  readonly subject: string;
  readonly roles: readonly AccessRole[];
  readonly label: string | null;
  /** Null: ADMIN_TOKEN_TTL_HOURS. */
  readonly ttlHours: number | null;
}

/** The token (shown once, never stored) and its record. */
export interface MintedToken {
  readonly token: string;
  readonly record: AccessTokenRecord;
}

/** An operator's access token: recorded (AdminTokenIssued.v1), then signed. */
export class MintAccessTokenCommand extends Command<Result<MintedToken>> {
  constructor(
    readonly input: MintAccessTokenInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
