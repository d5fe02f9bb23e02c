// The Kontakt API: `npm start`. Configuration comes from the environment (see README.md, Configuration).
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { configureApp } from './http/configure-app';
import { createHttpAdapter } from './http/create-http-adapter';
import { createJsonLogger } from './logging/json-logger';
import { NestJsonLogger } from './logging/nest-json-logger';
import { InvalidConfigurationError, loadAppConfig, type AppConfig } from './config/app-config';
import { shutDownGracefullyOnSignals } from './shutdown/graceful-shutdown';
import { seedSampleStoryOnStart } from './sample-story/seed-on-start';

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadAppConfig(process.env, process.cwd(), process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof InvalidConfigurationError)) throw error;
    process.stderr.write(`Invalid configuration: ${error.message}\n`);
    process.exit(2);
  }

  const logger = createJsonLogger(config.logLevel);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), createHttpAdapter(config), {
    // Throw start-up failures (e.g. the embedded node cannot open its log) instead of aborting the process.
    abortOnError: false,
    logger: new NestJsonLogger(logger),
  });
  await configureApp(app);
  // SIGINT/SIGTERM: refuse new requests, finish those in flight, stop the projections at a checkpoint, close the
  // event store (the embedded node flushes its pending appends), exit 0. See shutdown/graceful-shutdown.ts.
  shutDownGracefullyOnSignals(app, config.operations.shutdownTimeoutMs);
  await app.listen(config.http.port, config.http.host);
  new Logger('Bootstrap').log(`Kontakt API listening on ${await app.getUrl()}`);
  if (config.sampleStory.seedOnStart) await seedSampleStoryOnStart(await app.getUrl(), config);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`Kontakt API failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
