// The one place where every failure becomes {"error": "..."} with the status of the spec's table.
import type { FastifyError, FastifyInstance } from 'fastify';
import { BadRequest, Conflict, DomainError, Forbidden, NotFound, TooManyRequests, Unauthorized, Unavailable, Unprocessable } from '../errors.js';

const STATUS = new Map<Function, number>([
  [BadRequest, 400],
  [Unauthorized, 401],
  [Forbidden, 403],
  [NotFound, 404],
  [Conflict, 409],
  [Unprocessable, 422],
  [TooManyRequests, 429],
  [Unavailable, 500],
]);

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, any>;
  message?: string;
}

function field(path: string, ctx: string | undefined): string {
  const f = path.replace(/^\//, '').replace(/\//g, '.');
  if (ctx === 'params') return f === 'id' ? 'The mission id in the path' : f === 'documentId' ? 'The document id in the path' : `The path parameter ${f}`;
  if (ctx === 'querystring') return `The query parameter ${f}`;
  return f || 'The request body';
}

/** One sentence from the first validation error, naming the field and what it must be. */
export function validationMessage(errors: AjvError[], ctx: string | undefined): string {
  const e = errors[0];
  const where = (p: string) => field(p, ctx);
  switch (e.keyword) {
    case 'required':
      return `${where(`${e.instancePath}/${e.params.missingProperty}`)} is required.`;
    case 'additionalProperties':
      return `${where(`${e.instancePath}/${e.params.additionalProperty}`)} is not a field this request takes; check its spelling.`;
    case 'format':
      if (e.params.format === 'uuid') return `${where(e.instancePath)} must be a UUID.`;
      return `${where(e.instancePath)} must be a valid ${e.params.format}.`;
    case 'type':
      return `${where(e.instancePath)} must be ${/^[aeiou]/.test(e.params.type) ? 'an' : 'a'} ${e.params.type}.`;
    case 'minLength':
      return e.params.limit === 1 ? `${where(e.instancePath)} must not be empty.` : `${where(e.instancePath)} must be at least ${e.params.limit} characters.`;
    case 'maxLength':
      return `${where(e.instancePath)} must be at most ${e.params.limit} characters.`;
    case 'minimum':
    case 'maximum':
      return `${where(e.instancePath)} must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${e.params.limit}.`;
    case 'anyOf':
    case 'enum':
    case 'const': {
      const allowed = errors.filter((x) => x.keyword === 'const').map((x) => x.params.allowedValue);
      const list = allowed.length ? allowed : (e.params.allowedValues ?? []);
      return list.length ? `${where(e.instancePath)} must be one of ${list.join(', ')}.` : `${where(e.instancePath)} has a value that is not allowed.`;
    }
    default:
      return `${where(e.instancePath)} ${e.message ?? 'is not valid'}.`;
  }
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError & { validationContext?: string }, req, reply) => {
    if (err instanceof DomainError) {
      const status = STATUS.get(err.constructor) ?? 500;
      if (err instanceof TooManyRequests) reply.header('Retry-After', String(err.retryAfterSeconds));
      if (status === 500) req.log.error({ err }, 'dependency unavailable');
      return reply.status(status).send({ error: err.message });
    }
    if (err.validation) {
      // AJV reports anyOf failures after their branches; prefer the branch list for enums.
      const errs = err.validation as unknown as AjvError[];
      const anyOf = errs.find((x) => x.keyword === 'anyOf');
      const ordered = anyOf ? [anyOf, ...errs.filter((x) => x.keyword === 'const' && x.instancePath === anyOf.instancePath)] : errs;
      return reply.status(400).send({ error: validationMessage(ordered, err.validationContext) });
    }
    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.status(400).send({ error: 'document too large: the request body is over the 60 MB limit of base64 text (about 45 MB of file).' });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.status(400).send({ error: 'Content-Type must be application/json; send the request body as JSON.' });
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.status(400).send({ error: 'The request body is empty; send a JSON object.' });
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return reply.status(400).send({ error: 'The request body is shorter or longer than its Content-Length says; send the whole body.' });
    }
    if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return reply.status(400).send({ error: 'The request body is not valid JSON; check for truncation, trailing commas or unquoted names.' });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Other client errors the framework raises (e.g. __proto__ keys, aborted bodies): keep them 400.
      return reply.status(400).send({ error: 'The request could not be read; send a well-formed JSON request.' });
    }
    req.log.error({ err }, 'unexpected error');
    return reply.status(500).send({ error: 'Something went wrong on the server; try again, and if it keeps happening tell the operator the time of the request.' });
  });

  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({ error: `There is no ${req.method} ${req.url.split('?')[0]} endpoint; see /docs for the API reference.` });
  });
}
