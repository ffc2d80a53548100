/** The seats view is shared with the offline verifier (libs/audit-chain). */
export {
  seatCount,
  seatsSection,
  type CountedSeats,
  type SeatCount,
  type SeatsView,
  type SessionSeatCount,
} from '@lic/audit-chain';
