import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { CommandsModule } from '../commands/commands.module';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EventStoreModule } from '../event-store/event-store.module';
import { AccessCommandHandler } from './access-command.handler';
import { AccessGuard } from './access.guard';
import { AccessRepository } from './access.repository';
import { AccessStreamFollower } from './access-stream-follower';
import { Authenticator } from './authenticator';
import { CallerThrottlerGuard } from './caller-throttler.guard';
import { FirstAdminToken } from './first-admin-token';
import { RouteAccessCheck } from './route-access-check';
import { TokenTable } from './token-table';
import { TokensController } from './tokens.controller';

/**
 * Identity and roles: who a request comes from (API tokens, OIDC JWTs), what each route allows (AccessGuard), the
 * token lifecycle as events, the first admin token, and rate limits per caller. The guards are global, in this
 * order: rate limit first (so guessing tokens is limited too), then access.
 */
@Module({
  imports: [
    CommandsModule,
    EventStoreModule,
    DiscoveryModule,
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ ttl: 60_000, limit: config.access.rateLimitPerMinute ?? Number.MAX_SAFE_INTEGER }],
        skipIf: () => config.access.rateLimitPerMinute === undefined,
        errorMessage: `more than ${config.access.rateLimitPerMinute} requests in a minute with this credential (or from this address); retry after Retry-After seconds`,
      }),
    }),
  ],
  controllers: [TokensController],
  providers: [
    TokenTable,
    AccessRepository,
    AccessStreamFollower,
    AccessCommandHandler,
    FirstAdminToken,
    Authenticator,
    RouteAccessCheck,
    { provide: APP_GUARD, useClass: CallerThrottlerGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [Authenticator, TokenTable],
})
export class AuthModule {}
