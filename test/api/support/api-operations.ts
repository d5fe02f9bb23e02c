/** A JSON schema as the OpenAPI document gives it (the parts the request generator reads). */
export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  pattern?: string;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  example?: unknown;
  allOf?: Schema[];
  $ref?: string;
}

export interface ApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

/** One documented operation, its schemas resolved. */
export interface ApiOperation {
  method: string;
  /** The template, e.g. /regions/{id}/timeline. */
  path: string;
  parameters: ApiParameter[];
  body?: Schema;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: ApiParameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Every operation of the document, with `$ref`s and `allOf`s replaced by the schemas they name. */
export function apiOperations(document: OpenApiDocument): ApiOperation[] {
  const schemas = document.components?.schemas ?? {};
  const resolve = (schema: Schema | undefined, depth = 0): Schema | undefined => {
    if (schema === undefined || depth > 8) return schema;
    if (schema.$ref !== undefined) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      const target = schemas[name];
      if (target === undefined) throw new Error(`the OpenAPI document refers to an undefined schema '${schema.$ref}'`);
      return resolve(target, depth + 1);
    }
    if (schema.allOf !== undefined) return resolve(Object.assign({}, ...schema.allOf.map((part) => resolve(part, depth + 1)), { allOf: undefined }), depth + 1);
    return {
      ...schema,
      ...(schema.properties ? { properties: Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, resolve(property, depth + 1)!])) } : {}),
      ...(schema.items ? { items: resolve(schema.items, depth + 1) } : {}),
    };
  };
  const operations: ApiOperation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: (operation.parameters ?? []).map((parameter) => ({ ...parameter, schema: resolve(parameter.schema) ?? {} })),
        body: resolve(operation.requestBody?.content?.['application/json']?.schema),
      });
    }
  }
  return operations;
}
