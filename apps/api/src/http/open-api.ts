import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document, generated from the controllers and DTOs: UI at /docs, JSON at /docs/openapi.json. */
export function setUpOpenApi(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Kontakt API')
    .setDescription(
      'Records the history of a regional business network\'s relationships abroad as immutable events ' +
        '(EventStoreDB), and answers questions about it. Errors are application/problem+json (RFC 9457) naming the ' +
        'field at fault. Commands accept If-Match (the version last read; 412 when it is stale) and Idempotency-Key ' +
        '(a retry appends nothing and returns the first answer).',
    )
    .setVersion('0.1.0')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml' });
}
