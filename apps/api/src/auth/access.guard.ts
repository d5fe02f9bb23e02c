import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from '../problems/problem';
import { ACTOR_ROLES } from '../request-context/request-context';
import { ACCESS_RULE_KEY } from './access.decorator';
import { roleMay, type AccessRule } from './access-rule';

const WHAT_A_RULE_ALLOWS: Record<AccessRule, string> = {
  public: 'call this route',
  query: 'read',
  command: 'record or change facts',
  audit: 'read the audit trail',
  admin: 'administer access and projections',
};

/**
 * Enforces every route's access rule (see access-rule.ts): public routes are open; any other needs a valid
 * credential (401 with WWW-Authenticate: Bearer otherwise, RFC 6750 §3) whose role the rule allows (403 otherwise).
 * A global guard, so no route can forget it; RouteAccessCheck makes sure at start-up that every route has a rule.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(execution: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE_KEY, [execution.getHandler(), execution.getClass()]);
    if (rule === undefined) throw new Error(`${execution.getClass().name}.${execution.getHandler().name} has no access rule`);
    if (rule === 'public') return true;
    const http = execution.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const credential = http.getRequest<FastifyRequest>().kontaktCredential ?? { kind: 'none' };
    switch (credential.kind) {
      case 'none':
        void reply.header('www-authenticate', 'Bearer realm="kontakt"');
        throw new Problem(401, 'UNAUTHENTICATED', 'this route needs a bearer token: send Authorization: Bearer <token>', 'Authorization');
      case 'rejected':
        void reply.header('www-authenticate', `Bearer realm="kontakt", error="invalid_token", error_description="${credential.detail.replace(/["\\]/g, "'")}"`);
        throw new Problem(401, 'UNAUTHENTICATED', credential.detail, 'Authorization');
      case 'unavailable':
        throw new Problem(503, credential.code, `${credential.detail}; nothing was done, retry shortly`, undefined, undefined, { retryAfterSeconds: 1 });
      case 'roleless':
        throw new Problem(403, 'FORBIDDEN', `${credential.detail}, so it may not ${WHAT_A_RULE_ALLOWS[rule]}`);
      case 'caller': {
        const { role, id } = credential.actor;
        if (roleMay(role, rule)) return true;
        const allowed = ACTOR_ROLES.filter((candidate) => roleMay(candidate, rule));
        throw new Problem(403, 'FORBIDDEN', `${id} has the role ${role}, which may not ${WHAT_A_RULE_ALLOWS[rule]}; that needs ${allowed.join(' or ')}`);
      }
    }
  }
}
