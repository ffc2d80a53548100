/** The configuration the query API's handlers read (from @lic/config at start-up). */
export interface QueryApiSettings {
  readonly readYourWritesTimeoutMs: number;
  /** How often the dashboard stream re-sends occupancy even without new events (expiries). */
  readonly dashboardRefreshMs: number;
  /** METRICS_TOKEN: if set, /metrics needs `Authorization: Bearer <it>`. */
  readonly metricsToken?: string;
}
