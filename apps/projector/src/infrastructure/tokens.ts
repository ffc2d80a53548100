/** Nest injection tokens of the projector's HTTP side. */
export const PROJECTOR = Symbol('Projector');
export const READY_MAX_LAG = Symbol('ReadyMaxLag');
