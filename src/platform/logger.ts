import pino, { type Logger } from 'pino';

/**
 * Structured logs. Residents' contact data must never reach a log line, so every
 * path that can hold it is redacted here, whatever a caller passes in.
 */
export function createLogger(level: string, name = 'tieng-dan'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: [
        'submitter',
        '*.submitter',
        'email',
        '*.email',
        'phone',
        '*.phone',
        'req.headers.cookie',
        'req.headers.authorization',
        'to',
      ],
      censor: '[redacted]',
    },
  });
}

export type { Logger };
