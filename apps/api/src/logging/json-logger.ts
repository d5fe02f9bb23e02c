import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/app-config';
import { requestContextStorage } from '../request-context/request-context';

/**
 * The API's structured log: one JSON object per line on stdout. Every line written while a request is served carries
 * its requestId and correlationId (read from the request context), so one piece of work can be followed end to end.
 */
export function createJsonLogger(level: LogLevel, destination: DestinationStream = pino.destination({ sync: false })): Logger {
  return pino(
    {
      level,
      base: { service: 'kontakt-api' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin() {
        const context = requestContextStorage.getStore();
        return context ? { requestId: context.requestId, correlationId: context.correlationId } : {};
      },
    },
    destination,
  );
}
