/** Injection tokens of the operational routes every service serves (see OperationsModule). */
export const METRICS = Symbol('Metrics');
export const METRICS_TOKEN = Symbol('MetricsToken');
export const READINESS = Symbol('Readiness');
export const LAG_READER = Symbol('LagReader');
export const DRAINING = Symbol('Draining');
