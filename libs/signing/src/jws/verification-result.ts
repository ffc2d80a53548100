/** Why a token or envelope was refused. Deliberately coarse: never echo attacker input. */
export type InvalidReason =
  | 'malformed'
  | 'algorithm-not-allowed'
  | 'wrong-typ'
  | 'unknown-kid'
  | 'bad-signature'
  | 'bad-claims'
  | 'wrong-audience'
  | 'expired';

export interface Invalid {
  readonly kind: 'invalid';
  readonly reason: InvalidReason;
}

export const invalid = (reason: InvalidReason): Invalid => ({ kind: 'invalid', reason });
