import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import * as t from 'io-ts';
import { ApiError } from '../http/api-error';
import { decodeOr400 } from '../http/decode';
import { ACCESS_TOKEN_VERIFIER } from '../infrastructure/tokens';
import type { AccessTokenVerifier, Principal, Role } from './access-token-verifier';
import { QUERY_TOKEN, ROLES } from './roles.decorator';
import { SESSION_COOKIE, cookieValue } from '../dashboard/session-cookie';

const Credentials = t.partial({
  authorization: t.union([t.string, t.undefined]),
  access_token: t.union([t.string, t.undefined]),
});

const bearer = (header: string | undefined): string | null => {
  if (header === undefined) return null;
  const match = /^Bearer +(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
};

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/**
 * Bearer access tokens with roles: 401 without a valid token, 403 without a role the route
 * accepts. `admin` may call everything; `auditor` the routes that list it. The dashboard's
 * session cookie (HttpOnly, SameSite=Strict, set by POST /dashboard/session) carries a token
 * too, so the dashboard's page can call the API; every route it reaches is a read.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ACCESS_TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles === undefined) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const fromHeader = decodeOr400(
      Credentials,
      { authorization: request.headers.authorization },
      'headers',
    ).authorization;
    const query = request.query as Record<string, unknown>;
    const fromQuery = this.reflector.getAllAndOverride<boolean | undefined>(QUERY_TOKEN, targets)
      ? decodeOr400(Credentials, { access_token: query['access_token'] }, 'query').access_token
      : undefined;
    const fromCookie = cookieValue(request.headers.cookie, SESSION_COOKIE);
    const token = bearer(fromHeader) ?? fromQuery ?? fromCookie;
    if (token === null) {
      throw new ApiError(
        'UNAUTHORIZED',
        'send an access token as "Authorization: Bearer <token>"',
        undefined,
        { 'www-authenticate': 'Bearer' },
      );
    }
    const verified = await this.verifier.verify(token);
    if (verified.kind === 'invalid') {
      throw new ApiError(
        verified.code ?? 'INVALID_TOKEN',
        verified.message ?? `the access token is not valid (${verified.reason})`,
        undefined,
        {
          'www-authenticate': 'Bearer error="invalid_token"',
        },
      );
    }
    const principal = verified.principal;
    if (!principal.roles.includes('admin') && !roles.some((r) => principal.roles.includes(r))) {
      throw new ApiError('FORBIDDEN', `this needs the ${roles.join(' or ')} role`);
    }
    request.principal = principal;
    return true;
  }
}
