import { SetMetadata } from '@nestjs/common';
import type { AccessRule } from './access-rule';

export const ACCESS_RULE_KEY = 'kontakt:access-rule';

/** The access rule of a route (or of every route of a controller). A route without one is refused at start-up. */
export const Access = (rule: AccessRule): ClassDecorator & MethodDecorator => SetMetadata(ACCESS_RULE_KEY, rule);
