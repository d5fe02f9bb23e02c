// The only public face of @app/terminal.
export * from './stderr-writer';
export * from './progress-text';
export * from './progress-line';
export * from './rebuild-progress-bar';
export * from './text-table';
