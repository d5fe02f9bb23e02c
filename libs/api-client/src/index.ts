export * from './api-problem.error';
export * from './kontakt-client';
