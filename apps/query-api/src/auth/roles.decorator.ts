import { SetMetadata } from '@nestjs/common';
import type { Role } from './access-token-verifier';

export const ROLES = 'query-api:roles';
export const QUERY_TOKEN = 'query-api:query-token';

/** Any of these roles may call the route; a route without @Roles is public. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/**
 * The token may come as ?access_token= (EventSource cannot send headers): only the dashboard
 * and its event stream accept it.
 */
export const AllowQueryToken = () => SetMetadata(QUERY_TOKEN, true);
