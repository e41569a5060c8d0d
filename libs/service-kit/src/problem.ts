import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Problem } from '@portside/contracts';
import { AppError, statusOfKind, titleOfKind, type ErrorKind } from './errors';
import { isDependencyFailure } from './dependency-failure';
import type { Logger } from './logger';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemOf(err: AppError, instance?: string): Problem {
  return {
    type: `/problems/${(err.code ?? err.kind).replace(/_/g, '-')}`,
    title: titleOfKind[err.kind],
    status: err.status,
    detail: err.message,
    ...(instance ? { instance } : {}),
    ...(err.code ? { code: err.code } : {}),
    ...(err.errors ? { errors: err.errors } : {}),
    ...err.extensions,
  };
}

/** Body-parser and http-errors failures carry a `type` and a `status`. */
function fromFrameworkError(err: { type?: string; status?: number }): AppError | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return AppError.invalid('The request body is not valid JSON', [
        { field: 'body', message: 'is not valid JSON' },
      ]);
    case 'entity.too.large':
      return new AppError('payload_too_large', 'The request body is larger than allowed');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return AppError.invalid('The request body encoding is not supported');
  }
  if (err.status && err.status >= 400 && err.status < 500) {
    const kind = (Object.keys(statusOfKind) as ErrorKind[]).find(
      (k) => statusOfKind[k] === err.status,
    );
    return new AppError(kind ?? 'invalid', 'The request could not be processed');
  }
  return undefined;
}

export function sendProblem(res: Parameters<RequestHandler>[1], err: AppError, instance?: string) {
  res.status(err.status).type(PROBLEM_CONTENT_TYPE).json(problemOf(err, instance));
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(AppError.notFound(`No route for ${req.method} ${req.path}`));
};

/** The one place errors become HTTP answers. Unknown errors say nothing of their internals. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known =
      err instanceof AppError
        ? err
        : isDependencyFailure(err)
          ? AppError.unavailable(
              'A service this request needs did not answer; try again shortly',
              err,
            )
          : fromFrameworkError(err ?? {});
    const appError = known ?? new AppError('internal', 'Something went wrong on our side');
    if (!known || appError.status >= 500) {
      logger.error({ err, path: req.path, method: req.method }, 'request failed');
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendProblem(res, appError, req.originalUrl);
  };
}
