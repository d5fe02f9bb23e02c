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
        '(a retry appends nothing and returns the first answer). Every route but /health and /docs needs a bearer ' +
        'token: an API token (kt_..., issued by an admin through POST /tokens) or, where configured, an OIDC access ' +
        'token. Roles: viewer (queries), editor (also commands), auditor (queries and the audit trail), admin ' +
        '(everything, including tokens and rebuilds); 401 without a valid token, 403 when the role may not.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API token (kt_<id>_<secret>) or an OIDC access token (JWT)' })
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml' });
}
