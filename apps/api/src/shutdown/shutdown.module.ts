import { Module } from '@nestjs/common';
import { ShutdownState } from './shutdown-state';

/** The one ShutdownState of the app: the shutdown gate and graceful shutdown write it, readiness and metrics read it. */
@Module({ providers: [ShutdownState], exports: [ShutdownState] })
export class ShutdownModule {}
