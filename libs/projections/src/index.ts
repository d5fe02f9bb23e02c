// The only public face of @app/projections.
export * from './events/projected-event';
export * from './history/date-key';
export * from './history/history-entry';
export * from './history/history-reducer';
export * from './history/reference-data';
export * from './history/entry-scopes';
export * from './engine/projection';
export * from './engine/projection-engine';
export * from './engine/projection-rebuild';
export * from './engine/all-stream-reader';
export * from './engine/table-rename.plugin';
export * from './status/status-tally';
export * from './status/region-status';
export * from './timeline/timeline.tables';
export * from './timeline/timeline.projection';
export * from './timeline/visible-entries';
