import * as t from 'io-ts';
import {
  AuditExportParams,
  AuditParams,
  ChainExportParams,
  SealsParams,
} from '../audit/audit.query-params';
import { HoldersParams } from '../holders/holders.query-params';
import { InstantParam } from '../http/query-codecs';
import { LicensesParams } from '../licenses/licenses.query-params';
import { RefusalsParams } from '../refusals/refusals.query-params';
import {
  DenialsParams,
  ExpiringParams,
  FleetParams,
  RefusalReportParams,
  UtilizationParams,
} from '../reports/reports.query-params';

export interface Operation {
  readonly operationId: string;
  readonly method?: 'get' | 'post' | 'delete';
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  /** Roles that may call it (admin may call everything); none = public. */
  readonly roles: readonly ('admin' | 'auditor')[];
  /** The codec that decodes the query string: its props are the documented parameters. */
  readonly query?: t.Mixed;
  /** Example values of the parameters: `{license_id}` and `{product_id}` name fixture ids. */
  readonly examples?: Readonly<Record<string, unknown>>;
  /** The 200 answer: a schema of components/schemas, or another media type. */
  readonly response: {
    readonly schema?: string;
    readonly type?: string;
    readonly description: string;
  };
  /** Also answers text/csv with ?format=csv. */
  readonly csv?: boolean;
  /** Answers 404 for an unknown license. */
  readonly notFound?: boolean;
  /** Why a one-shot request cannot exercise it (a stream, a browser redirect). */
  readonly exampleSkip?: string;
}

const LICENSE = { license_id: '{license_id}' };

/** Every route of the query API, with the codec that decodes its query string. */
export const operations: readonly Operation[] = [
  {
    operationId: 'listLicenses',
    path: '/query/v1/licenses',
    tag: 'licenses',
    roles: ['admin'],
    summary:
      'Licenses with live occupancy, product names and licensees, in id order (keyset: cursor = last license_id)',
    query: LicensesParams,
    examples: { status: 'active', limit: 50 },
    response: { schema: 'LicenseList', description: 'a page of licenses' },
  },
  {
    operationId: 'getLicense',
    path: '/query/v1/licenses/{license_id}',
    tag: 'licenses',
    roles: ['admin'],
    notFound: true,
    summary: 'One license: policy, standing, live seats and who holds them',
    examples: LICENSE,
    response: { schema: 'LicenseDetail', description: 'the license' },
  },
  {
    operationId: 'getSeats',
    path: '/query/v1/licenses/{license_id}/seats',
    tag: 'seats',
    roles: ['admin', 'auditor'],
    notFound: true,
    summary:
      'Seats now (a lease or session past its deadline is free) — or, with as_of, as they stood then, rebuilt from the license’s events (A3; auditors need as_of)',
    query: t.partial({ as_of: InstantParam }),
    examples: LICENSE,
    response: { schema: 'Seats', description: 'seats by holder kind and who holds them' },
  },
  {
    operationId: 'listLeases',
    path: '/query/v1/licenses/{license_id}/leases',
    tag: 'holders',
    roles: ['admin'],
    notFound: true,
    summary: 'Floating leases, newest first (cursor = last id)',
    query: HoldersParams,
    examples: { ...LICENSE, state: 'all', limit: 50 },
    response: { schema: 'LeasePage', description: 'a page of leases' },
  },
  {
    operationId: 'listSessions',
    path: '/query/v1/licenses/{license_id}/sessions',
    tag: 'holders',
    roles: ['admin'],
    notFound: true,
    summary: 'User and service-account sessions, newest first (cursor = last id)',
    query: HoldersParams,
    examples: { ...LICENSE, state: 'active' },
    response: { schema: 'SessionPage', description: 'a page of sessions' },
  },
  {
    operationId: 'listActivations',
    path: '/query/v1/licenses/{license_id}/activations',
    tag: 'holders',
    roles: ['admin'],
    notFound: true,
    summary: 'Machine activations, newest first (cursor = last id)',
    query: HoldersParams,
    examples: { ...LICENSE, state: 'all' },
    response: { schema: 'ActivationPage', description: 'a page of activations' },
  },
  {
    operationId: 'listLicenseRefusals',
    path: '/query/v1/licenses/{license_id}/refusals',
    tag: 'holders',
    roles: ['admin', 'auditor'],
    notFound: true,
    summary: 'U2: the license’s recorded refusals with who was refused, newest first',
    query: RefusalsParams,
    examples: { ...LICENSE, limit: 20 },
    response: { schema: 'RefusalPage', description: 'a page of refusals' },
  },
  {
    operationId: 'listAuditEntries',
    path: '/query/v1/audit',
    tag: 'audit',
    roles: ['auditor'],
    summary: 'A1: the audit trail in global order, filtered; cursor = last position',
    query: AuditParams,
    examples: { license_id: '{license_id}', limit: 100 },
    response: { schema: 'AuditPage', description: 'a page of events' },
  },
  {
    operationId: 'exportAudit',
    path: '/query/v1/audit/export',
    tag: 'audit',
    roles: ['auditor'],
    summary:
      'The whole filtered audit trail, streamed: NDJSON, or CSV with the payload in columns of its own and the product on every row',
    query: AuditExportParams,
    examples: { license_id: '{license_id}', format: 'ndjson' },
    response: {
      type: 'application/x-ndjson',
      description: 'one event per line (text/csv with format=csv)',
    },
    csv: true,
  },
  {
    operationId: 'listSeals',
    path: '/query/v1/audit/seals',
    tag: 'audit',
    roles: ['auditor'],
    summary:
      'The signed seals of the hash chains, oldest first: each the head of every stream changed since the previous one, their RFC 6962 Merkle root and an Ed25519 JWS (kid from the JWKS); cursor = last seal_revision',
    query: SealsParams,
    examples: { limit: 100 },
    response: { schema: 'SealPage', description: 'a page of seals' },
  },
  {
    operationId: 'exportAuditChain',
    path: '/query/v1/audit/chain-export',
    tag: 'audit',
    roles: ['auditor'],
    summary:
      'The tamper-evident export, streamed (as `npm run audit:export`): a header with the JWKS, every seal, the events decided in [from, to) with their hash-chain links, and a manifest signed with the server key; verify it offline with `npm run audit:verify-export`',
    query: ChainExportParams,
    examples: { license_id: '{license_id}' },
    response: {
      type: 'application/x-ndjson',
      description: 'one JSON object per line: header, seals, events, manifest',
    },
  },
  {
    operationId: 'getUtilizationReport',
    path: '/query/v1/reports/utilization',
    tag: 'reports',
    roles: ['auditor'],
    notFound: true,
    csv: true,
    summary:
      'U1: hourly peak and time-weighted average concurrent seats of one license, per holder kind',
    query: UtilizationParams,
    examples: LICENSE,
    response: { schema: 'UtilizationReport', description: 'one series per holder kind' },
  },
  {
    operationId: 'getFleetReport',
    path: '/query/v1/reports/fleet',
    tag: 'reports',
    roles: ['auditor'],
    csv: true,
    summary:
      'U1 for the fleet and per product: seats summed per holder kind (never across kinds), hour by hour, with the true combined peak',
    query: FleetParams,
    examples: { product_id: '{product_id}' },
    response: { schema: 'FleetReport', description: 'fleet and product series' },
  },
  {
    operationId: 'getRefusalReport',
    path: '/query/v1/reports/refusals',
    tag: 'reports',
    roles: ['auditor'],
    csv: true,
    summary: 'U2: refusals by reason, by kind and by license over whole hours',
    query: RefusalReportParams,
    examples: { format: 'json' },
    response: { schema: 'RefusalReport', description: 'refusal counts' },
  },
  {
    operationId: 'getDenialsReport',
    path: '/query/v1/reports/denials',
    tag: 'reports',
    roles: ['auditor'],
    csv: true,
    summary:
      'U2 by who: refusals by license, reason and the machine, user or service account refused, most refused first',
    query: DenialsParams,
    examples: { product_id: '{product_id}' },
    response: { schema: 'DenialsReport', description: 'refusals by who' },
  },
  {
    operationId: 'getExpiringReport',
    path: '/query/v1/reports/expiring',
    tag: 'reports',
    roles: ['auditor'],
    csv: true,
    summary:
      'O7: licenses whose expiry falls within the next within_days days (default 30), soonest first',
    query: ExpiringParams,
    examples: { within_days: 30 },
    response: { schema: 'ExpiringReport', description: 'licenses expiring soon' },
  },
  {
    operationId: 'listProducts',
    path: '/query/v1/products',
    tag: 'products',
    roles: ['admin'],
    summary: 'Products and their variants (policies)',
    response: { schema: 'ProductList', description: 'every product' },
  },
  {
    operationId: 'getStatus',
    path: '/query/v1/status',
    tag: 'status',
    roles: ['auditor'],
    summary: 'How far the read models go (the projector’s checkpoint)',
    response: { schema: 'Status', description: 'the checkpoint' },
  },
  {
    operationId: 'streamDashboard',
    path: '/query/v1/dashboard/stream',
    tag: 'dashboard',
    roles: ['admin'],
    summary:
      'Server-sent events for the dashboard (event: snapshot): live seats, totals by product and seat kind, refusals, expiries',
    response: {
      type: 'text/event-stream',
      description: 'a snapshot on every change, and every few seconds',
    },
    exampleSkip: 'server-sent events: the answer never ends',
  },
];
