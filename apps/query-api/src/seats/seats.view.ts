/** The as-of view is shared with the offline verifier (libs/audit-chain). */
export {
  seatCount,
  sharedInUse,
  type SeatCount,
  type SeatsView,
  type SessionSeatCount,
} from '@lic/audit-chain';
