import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';

/**
 * Rate limits per caller rather than per route: one budget per API token or OIDC subject, across all routes, and
 * per client address for requests without a valid credential (so guessing tokens is limited too). Runs before the
 * access guard for that reason.
 */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const { kontaktCredential: credential, ip } = request as unknown as FastifyRequest;
    if (credential?.kind === 'caller' || credential?.kind === 'roleless') return Promise.resolve(credential.tracker);
    return Promise.resolve(`address:${ip}`);
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }
}
