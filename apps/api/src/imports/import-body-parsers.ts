import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ImportFormat } from '@app/import';
import { Problem } from '../problems/problem';
import { IMPORT_MEDIA_TYPES, ImportFile } from './import-file';
import { MAX_IMPORT_BYTES } from './import-limits';

/** The one route that takes files; every other route takes JSON. */
export const IMPORTS_ROUTE = '/imports';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Teaches Fastify to read CSV and NDJSON bodies, for POST /imports only: anywhere else they stay 415, as before.
 * Files may be larger than a command's JSON body (MAX_BODY_BYTES), up to MAX_IMPORT_BYTES; a larger one is refused
 * with 413 as soon as it is known to be (its Content-Length, else while it arrives). Registered when the module
 * starts, before the server listens: Fastify's routes share the root's parsers, so they apply to routes already declared.
 */
@Injectable()
export class ImportBodyParsers implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (fastify === undefined) return;
    for (const [mediaType, format] of IMPORT_MEDIA_TYPES) {
      fastify.addContentTypeParser(mediaType, (request: FastifyRequest, payload: AsyncIterable<Buffer>) => readImportFile(request, payload, mediaType, format));
    }
  }
}

async function readImportFile(request: FastifyRequest, payload: AsyncIterable<Buffer>, mediaType: string, format: ImportFormat): Promise<ImportFile | undefined> {
  // An unknown route answers 404 whatever the body; Fastify only asks for it to be parsed.
  if (request.is404) return undefined;
  if (request.routeOptions.url !== IMPORTS_ROUTE) {
    throw new Problem(415, 'UNSUPPORTED_MEDIA_TYPE', `${mediaType} is taken only by POST ${IMPORTS_ROUTE}; this route takes application/json`);
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new Problem(415, 'UNSUPPORTED_MEDIA_TYPE', `import files must be UTF-8, not ${charset}; save the file as UTF-8 (in Excel: "CSV UTF-8")`);
  }
  const declared = Number(request.headers['content-length']);
  if (declared > MAX_IMPORT_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of payload) {
    received += chunk.length;
    if (received > MAX_IMPORT_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  try {
    return new ImportFile(format, UTF8.decode(Buffer.concat(chunks)));
  } catch {
    throw Problem.badRequest('the file is not valid UTF-8 text; save it as UTF-8 (in Excel: "CSV UTF-8")', '(body)');
  }
}

function tooLarge(): Problem {
  return new Problem(413, 'IMPORT_TOO_LARGE', `an import file may be at most ${MAX_IMPORT_BYTES} bytes (4 MiB); split it into parts and import each (every part is idempotent on its own)`);
}
