// The only public face of @app/import.

export * from './import-row';
export * from './import-rows.parser';
export * from './csv-rows.parser';
export * from './ndjson-rows.parser';
export * from './json-array-rows';
