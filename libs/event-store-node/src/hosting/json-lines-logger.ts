import type { NodeLogger } from '../node-options';

/** A NodeLogger writing one JSON object per line, `{"time","level","msg",...fields}`, to the given stream (stderr by default). */
export function jsonLinesLogger(stream: NodeJS.WritableStream = process.stderr): NodeLogger {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields })}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
