import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Logger } from './logger';

/** Reply links and residents' private links are secrets: they never reach a log line. */
export function redactUrl(url: string): string {
  return url
    .replace(/(\/repl(?:y|ies)\/)[^/?#]+/g, '$1[token]')
    .replace(/(\/track\/[^/?#]+\/)[A-Za-z0-9_-]{43}(?=[/?#]|$)/g, '$1[key]');
}

/** Request logs: an id per request (taken from X-Request-Id when sane), no bodies. */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    // The request is described once, on the completion line; a per-request child
    // logger that serialised it up front cost a tenth of an intake's CPU.
    quietReqLogger: true,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: IncomingMessage & { id?: string }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url ?? ''),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug',
  });
}
