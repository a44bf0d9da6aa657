import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  HttpException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor, Role } from '@fundline/contracts';
import { Request } from 'express';
import { InvalidToken, TokenVerifier } from './token-verifier';

const PUBLIC = 'fundline:public';
const ROLES = 'fundline:roles';

/** Health probes and nothing else: every business route needs a token. */
export const Public = () => SetMetadata(PUBLIC, true);
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

type AuthenticatedRequest = Request & { actor?: Actor };

/**
 * A refusal naming its message in libs/http's problem catalogue (`HTTP.<status>/<variant>`) and the values it
 * quotes, so that it is answered in the caller's language; the English text stays the exception's message.
 */
function refusal<E extends HttpException>(error: E, variant: string, params: Record<string, string> = {}): E {
  return Object.assign(error, { variant, params });
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw refusal(new UnauthorizedException('no authenticated actor'), 'BEARER_REQUIRED');
  return actor;
});

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header) : null;
    if (!match) throw refusal(new UnauthorizedException('a bearer token is required'), 'BEARER_REQUIRED');
    try {
      request.actor = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidToken) {
        throw refusal(new UnauthorizedException(`invalid token: ${error.message}`), 'INVALID_TOKEN', {
          reason: error.message,
        });
      }
      throw error;
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (allowed && !allowed.includes(request.actor.role)) {
      throw refusal(
        new ForbiddenException(`role ${request.actor.role} may not do this; allowed: ${allowed.join(', ')}`),
        'ROLE',
        { role: request.actor.role, allowed: allowed.join(', ') },
      );
    }
    return true;
  }
}
