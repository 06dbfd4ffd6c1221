// The JSON body parser. A mission's document arrives as up to 60 MB of base64 inside JSON; the
// framework's parser would hold the body as bytes, as a string, and as the parsed copy of that
// string before the file is even decoded. This one reads the body into one buffer sized by
// Content-Length, parses the small JSON around the base64 value, and leaves the value as a view
// of the body for missions/document-check.ts to validate and decode in chunks.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorCodes } from 'fastify';
import sjson from 'secure-json-parse';

declare module 'fastify' {
  interface FastifyRequest {
    /** The raw ASCII bytes of document.base64, when the body was large enough to parse this way. */
    documentBase64?: Uint8Array;
  }
}

/** Bodies under this size are parsed the ordinary way. */
const LARGE_BODY = 1024 * 1024;
/** Stands in for the base64 value while the rest of the JSON is parsed. */
export const BASE64_SENTINEL = '\u0000docket:document.base64\u0000';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

function readBody(req: FastifyRequest, limit: number): Promise<Buffer> {
  const raw = req.raw;
  const declared = raw.headers['content-length'] === undefined ? NaN : Number(raw.headers['content-length']);
  return new Promise((resolve, reject) => {
    if (declared > limit) {
      raw.resume();
      return reject(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
    }
    const sized = Number.isInteger(declared) ? Buffer.allocUnsafe(declared) : null;
    const chunks: Buffer[] = [];
    let received = 0;
    let failed = false;
    raw.on('data', (chunk: Buffer) => {
      if (failed) return;
      if (received + chunk.length > (sized ? sized.length : limit)) {
        failed = true;
        return reject(sized ? new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH() : new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
      }
      if (sized) chunk.copy(sized, received);
      else chunks.push(chunk);
      received += chunk.length;
    });
    raw.on('end', () => {
      if (failed) return;
      if (sized && received !== sized.length) return reject(new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH());
      resolve(sized ?? Buffer.concat(chunks, received));
    });
    raw.on('error', (e) => {
      failed = true;
      reject(e);
    });
  });
}

const parse = (text: string) => sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });

/** Finds the span of the string value of a `"base64"` key, or null. */
function findBase64Value(buf: Buffer): { start: number; end: number } | null {
  for (let at = buf.indexOf('"base64"'); at >= 0; at = buf.indexOf('"base64"', at + 1)) {
    let i = at + 8;
    while (i < buf.length && isSpace(buf[i])) i++;
    if (buf[i] !== 0x3a) continue; // ':'
    i++;
    while (i < buf.length && isSpace(buf[i])) i++;
    if (buf[i] !== QUOTE) continue;
    const start = i + 1;
    const end = buf.indexOf(QUOTE, start);
    if (end < 0) return null;
    const escape = buf.indexOf(BACKSLASH, start);
    if (escape >= 0 && escape < end) return null;
    if (end - start > LARGE_BODY / 2) return { start, end };
  }
  return null;
}

function parseBody(req: FastifyRequest, buf: Buffer): unknown {
  if (buf.length === 0) throw new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY();
  if (buf.length >= LARGE_BODY) {
    const span = findBase64Value(buf);
    if (span) {
      const text = buf.toString('utf8', 0, span.start - 1) + JSON.stringify(BASE64_SENTINEL) + buf.toString('utf8', span.end + 1);
      const body = parse(text) as { document?: { base64?: unknown } } | null;
      if (body && typeof body === 'object' && body.document && body.document.base64 === BASE64_SENTINEL) {
        req.documentBase64 = buf.subarray(span.start, span.end);
        return body;
      }
    }
  }
  return parse(buf.toString('utf8'));
}

export function registerJsonBody(app: FastifyInstance, bodyLimit: number): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', (req, _payload, done) => {
    readBody(req, bodyLimit).then(
      (buf) => {
        try {
          done(null, parseBody(req, buf));
        } catch (e) {
          done(e as Error, undefined);
        }
      },
      (e) => done(e, undefined),
    );
  });
}
