/** Nest injection tokens of the projector's HTTP side. */
export const PROJECTOR = Symbol('Projector');
export const LAG_PROBE = Symbol('LagProbe');
export const LAG_MONITOR = Symbol('LagMonitor');
export const READY_MAX_LAG = Symbol('ReadyMaxLag');
export const EVENT_STORE = Symbol('EventStore');
export const READ_DB = Symbol('ReadDb');
export const METRICS = Symbol('Metrics');
export const METRICS_TOKEN = Symbol('MetricsToken');
