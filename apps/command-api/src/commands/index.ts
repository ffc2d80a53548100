import { ActivateMachineHandler } from './machines/activate-machine.handler';
import { CheckinLeaseHandler } from './floating/checkin-lease.handler';
import { CheckoutLeaseHandler } from './floating/checkout-lease.handler';
import { ChangeVariantPolicyHandler } from './products/change-variant-policy.handler';
import { ClearThreatLevelHandler } from './licenses/clear-threat-level.handler';
import { CloseSessionHandler } from './sessions/close-session.handler';
import { CreateProductHandler } from './products/create-product.handler';
import { DeactivateMachineHandler } from './machines/deactivate-machine.handler';
import { DefineVariantHandler } from './products/define-variant.handler';
import { EndSessionHandler } from './licenses/end-session.handler';
import { HeartbeatLeaseHandler } from './floating/heartbeat-lease.handler';
import { IdempotencyKeys } from './floating/idempotency-keys';
import { IssueLicenseHandler } from './licenses/issue-license.handler';
import { DecisionMetrics } from './decision-metrics';
import { LicenseUseCase } from './license-use-case';
import { MintAccessTokenHandler } from './tokens/mint-access-token.handler';
import { RevokeAccessTokenHandler } from './tokens/revoke-access-token.handler';
import { OpenSessionHandler } from './sessions/open-session.handler';
import { RaiseThreatLevelHandler } from './licenses/raise-threat-level.handler';
import { RecordSessionActivityHandler } from './sessions/record-session-activity.handler';
import { ReinstateLicenseHandler } from './licenses/reinstate-license.handler';
import { ReleaseLeaseHandler } from './licenses/release-lease.handler';
import { RenewLicenseHandler } from './licenses/renew-license.handler';
import { RetireVariantHandler } from './products/retire-variant.handler';
import { RevokeActivationHandler } from './licenses/revoke-activation.handler';
import { RevokeLicenseHandler } from './licenses/revoke-license.handler';
import { SetReservedAccountsHandler } from './licenses/set-reserved-accounts.handler';
import { SettleOverdueHandler } from './housekeeping/settle-overdue.handler';
import { SuspendLicenseHandler } from './licenses/suspend-license.handler';
import { ValidateMachineHandler } from './machines/validate-machine.handler';

/** One handler per command (the NestJS CQRS sample's `CommandHandlers`), by feature. */
export const CommandHandlers = [
  // floating (seed 001)
  CheckoutLeaseHandler,
  HeartbeatLeaseHandler,
  CheckinLeaseHandler,
  // machines (seed 002)
  ActivateMachineHandler,
  ValidateMachineHandler,
  DeactivateMachineHandler,
  // sessions (seed 000)
  OpenSessionHandler,
  RecordSessionActivityHandler,
  CloseSessionHandler,
  // licenses (admin)
  IssueLicenseHandler,
  SuspendLicenseHandler,
  ReinstateLicenseHandler,
  RevokeLicenseHandler,
  RenewLicenseHandler,
  RaiseThreatLevelHandler,
  ClearThreatLevelHandler,
  SetReservedAccountsHandler,
  RevokeActivationHandler,
  EndSessionHandler,
  ReleaseLeaseHandler,
  // products (admin)
  CreateProductHandler,
  DefineVariantHandler,
  ChangeVariantPolicyHandler,
  RetireVariantHandler,
  // access tokens (admin)
  MintAccessTokenHandler,
  RevokeAccessTokenHandler,
  // housekeeping (the expiry sweeper)
  SettleOverdueHandler,
];

/** What the handlers share: the load → decide → append mechanics, the keys in flight. */
export const CommandServices = [LicenseUseCase, DecisionMetrics, IdempotencyKeys];
