import type { RequestHandler } from 'express';
import type { Logger } from './logger';

declare module 'http' {
  interface IncomingMessage {
    /** The request's id: on the x-request-id header both ways and on every log line. */
    id?: string;
    /** Logs with the request's id (the logger's mixin adds it), for handlers. */
    log: Logger;
  }
}

/**
 * One line per answered request ("request completed", or "request aborted" when the
 * client left first), at a level that follows the status. It is written with the
 * service's own logger, whose mixin adds the request id: no child logger is made and
 * no request is serialised per request, which is most of what a generic request
 * logger costs on a fast route.
 */
export function requestLog(logger: Logger, skip: (url: string) => boolean): RequestHandler {
  return (req, res, next) => {
    req.log = logger;
    if (skip(req.url)) return next();
    const started = Date.now();
    // 'close' follows 'finish' on every response, and comes alone when the client left.
    res.once('close', () => {
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      logger[level](
        {
          req: { method: req.method, url: req.originalUrl },
          res: { statusCode: status },
          responseTime: Date.now() - started,
        },
        res.writableFinished ? 'request completed' : 'request aborted',
      );
    });
    next();
  };
}
