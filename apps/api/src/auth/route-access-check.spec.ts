import { Controller, Get, Post } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Access } from './access.decorator';
import { RouteAccessCheck, RouteWithoutAccessRuleError } from './route-access-check';

@Access('query')
@Controller('ruled')
class RuledController {
  @Get() list(): string[] {
    return [];
  }

  @Access('command')
  @Post() record(): void {}
}

@Controller('forgotten')
class ForgottenController {
  @Access('query')
  @Get() list(): string[] {
    return [];
  }

  @Post() record(): void {}

  /** Not a route: needs no rule. */
  helper(): void {}
}

async function start(controllers: (typeof RuledController | typeof ForgottenController)[]): Promise<void> {
  const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule], controllers, providers: [RouteAccessCheck] }).compile();
  try {
    await moduleRef.init();
  } finally {
    await moduleRef.close();
  }
}

describe('RouteAccessCheck', () => {
  it('lets an app start whose every route has a rule, on the handler or on its controller', async () => {
    await expect(start([RuledController])).resolves.toBeUndefined();
  });

  it('refuses to start an app with a route that has no access rule, naming the route', async () => {
    const failure = start([RuledController, ForgottenController]);
    await expect(failure).rejects.toThrow(RouteWithoutAccessRuleError);
    await expect(failure).rejects.toThrow(/missing on ForgottenController\.record$/);
  });
});
