import { Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_RULE_KEY } from './access.decorator';
import { ACCESS_RULES, type AccessRule } from './access-rule';

/** Routes were declared without saying who may call them. */
export class RouteWithoutAccessRuleError extends Error {
  override readonly name = 'RouteWithoutAccessRuleError';

  constructor(readonly routes: string[]) {
    super(`every route needs @Access(...) on its handler or controller (one of ${ACCESS_RULES.join(', ')}); missing on ${routes.join(', ')}`);
  }
}

/**
 * Refuses to start an API with a route that has no access rule: the guard would have nothing to enforce, and
 * guessing (open? closed?) is how routes end up public by accident. Runs while the modules initialise, before the
 * server listens, so `npm start` and every API test fail at once when a new route forgets its rule.
 */
@Injectable()
export class RouteAccessCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const missing = this.discovery.getControllers().flatMap((wrapper) => routesWithoutAccessRule(wrapper.metatype as Type, this.reflector, this.scanner));
    if (missing.length > 0) throw new RouteWithoutAccessRuleError(missing);
  }
}

/** `Controller.handler` of every route of `controller` whose rule is missing or not a known one. */
export function routesWithoutAccessRule(controller: Type, reflector: Reflector, scanner: MetadataScanner): string[] {
  const prototype = controller.prototype as Record<string, unknown>;
  return scanner
    .getAllMethodNames(prototype)
    .filter((name) => {
      const handler = prototype[name] as object;
      if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) return false;
      const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE_KEY, [handler as () => void, controller]);
      return rule === undefined || !ACCESS_RULES.includes(rule);
    })
    .map((name) => `${controller.name}.${name}`);
}
