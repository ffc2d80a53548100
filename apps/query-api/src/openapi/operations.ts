import * as t from 'io-ts';
import { AuditExportQuery, AuditQuery } from '../audit/audit.queries';
import { HoldersQuery } from '../holders/holders.queries';
import { HolderKindParam, InstantParam } from '../http/query-codecs';
import { LicensesQuery } from '../licenses/licenses.queries';
import { Id } from '@lic/domain';
import { TimeRangeProps } from '../reports/time-range';

export interface Operation {
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  /** Roles that may call it (admin may call everything); none = public. */
  readonly roles: readonly ('admin' | 'auditor')[];
  readonly queryToken?: boolean;
  /** The codec that decodes the query string: its props are the documented parameters. */
  readonly query?: t.Mixed;
  readonly response: {
    readonly schema?: string;
    readonly type?: string;
    readonly description: string;
  };
}

const reads = {
  400: 'a parameter is malformed (names it)',
  401: 'no valid token',
  403: 'role missing',
};
export const commonResponses: Readonly<Record<number, string>> = {
  ...reads,
  404: 'no such license',
  504: 'READ_MODEL_BEHIND: ?after= not reached within READ_YOUR_WRITES_TIMEOUT_MS (Retry-After: 1)',
};

/** Every route of the query API (all GET), with the codec that decodes its query string. */
export const operations: readonly Operation[] = [
  {
    path: '/query/v1/licenses',
    summary: 'Licenses with live occupancy, in id order (keyset: cursor = last licenseId)',
    tag: 'licenses',
    roles: ['admin'],
    query: LicensesQuery,
    response: { schema: 'LicenseList', description: 'a page of licenses' },
  },
  {
    path: '/query/v1/licenses/{licenseId}',
    summary: 'One license: policy, standing, live seats and holders',
    tag: 'licenses',
    roles: ['admin'],
    response: { schema: 'LicenseDetail', description: 'the license' },
  },
  {
    path: '/query/v1/licenses/{licenseId}/seats',
    summary:
      'Seats now (read models; a lease or session past its deadline is free) — or, with asOf, as they stood at that instant, rebuilt from the license’s events (A3)',
    tag: 'seats',
    roles: ['admin', 'auditor'],
    query: t.partial({ asOf: InstantParam }),
    response: {
      schema: 'Seats',
      description: 'seats by holder kind and who holds them; auditors need asOf',
    },
  },
  {
    path: '/query/v1/licenses/{licenseId}/leases',
    summary: 'Floating leases, newest first (cursor = last id)',
    tag: 'holders',
    roles: ['admin'],
    query: HoldersQuery,
    response: { schema: 'LeasePage', description: 'a page of leases' },
  },
  {
    path: '/query/v1/licenses/{licenseId}/sessions',
    summary: 'Sessions, newest first (cursor = last id)',
    tag: 'holders',
    roles: ['admin'],
    query: HoldersQuery,
    response: { schema: 'SessionPage', description: 'a page of sessions' },
  },
  {
    path: '/query/v1/licenses/{licenseId}/activations',
    summary: 'Machine activations, newest first (cursor = last id)',
    tag: 'holders',
    roles: ['admin'],
    query: HoldersQuery,
    response: { schema: 'ActivationPage', description: 'a page of activations' },
  },
  {
    path: '/query/v1/audit',
    summary: 'The audit trail in global order, filtered; cursor = last position (A1)',
    tag: 'audit',
    roles: ['auditor'],
    query: AuditQuery,
    response: { schema: 'AuditPage', description: 'a page of events' },
  },
  {
    path: '/query/v1/audit/export',
    summary: 'The whole filtered audit trail, streamed as NDJSON or CSV',
    tag: 'audit',
    roles: ['auditor'],
    query: AuditExportQuery,
    response: { type: 'application/x-ndjson', description: 'one event per line (or text/csv)' },
  },
  {
    path: '/query/v1/reports/utilization',
    summary: 'U1: hourly peak and time-weighted average concurrent seats of a license',
    tag: 'reports',
    roles: ['auditor'],
    query: t.intersection([
      t.type({ licenseId: Id }),
      t.partial({ ...TimeRangeProps, kind: HolderKindParam }),
    ]),
    response: { schema: 'UtilizationReport', description: 'one series per holder kind' },
  },
  {
    path: '/query/v1/reports/refusals',
    summary: 'U2: refusals by reason, by kind and by license over whole hours',
    tag: 'reports',
    roles: ['auditor'],
    query: t.partial({ ...TimeRangeProps, licenseId: Id }),
    response: { schema: 'RefusalReport', description: 'refusal counts' },
  },
  {
    path: '/query/v1/products',
    summary: 'Products and their variants (policies)',
    tag: 'products',
    roles: ['admin'],
    response: { schema: 'ProductList', description: 'every product' },
  },
  {
    path: '/query/v1/status',
    summary: 'How far the read models go (the projector checkpoint)',
    tag: 'status',
    roles: ['auditor'],
    response: { schema: 'Status', description: 'the checkpoint' },
  },
  {
    path: '/query/v1/dashboard/stream',
    summary: 'Server-sent events for the dashboard (event: snapshot); token as ?access_token=',
    tag: 'dashboard',
    roles: ['admin'],
    queryToken: true,
    response: { type: 'text/event-stream', description: 'snapshots of occupancy and refusals' },
  },
  {
    path: '/dashboard',
    summary: 'The seat dashboard (HTML); open it with `?access_token={admin_token}`',
    tag: 'dashboard',
    roles: ['admin'],
    queryToken: true,
    response: { type: 'text/html', description: 'the page' },
  },
];
