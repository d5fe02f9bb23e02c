import type { LoggerService } from '@nestjs/common';
import type { NodeLogger } from '@app/event-store-node';

/** Routes the embedded node's log lines into the application's Nest logger. */
export function nestNodeLogger(logger: LoggerService): NodeLogger {
  const line = (message: string, fields?: Record<string, unknown>) => (fields ? `${message} ${JSON.stringify(fields)}` : message);
  return {
    info: (message, fields) => logger.log(line(message, fields)),
    warn: (message, fields) => logger.warn(line(message, fields)),
    error: (message, fields) => logger.error(line(message, fields)),
  };
}
