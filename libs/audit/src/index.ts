// The only public face of @app/audit.
export * from './audited-event';
export * from './audit-checkpoint';
export * from './audit-fields';
export * from './audit-key';
export * from './chain-verifier';
export * from './entity-history';
export * from './read-entity-history';
export * from './verify-event-store';
export * from './verification-report-text';
