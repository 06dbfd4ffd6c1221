// The one logger configuration: the HTTP app hands it to Fastify, and a worker-only process
// (`docket worker`, no Fastify) builds a pino logger from the same options, so both write alike.
import { pino, type LoggerOptions } from 'pino';
import type { Config } from './config.js';

export function loggerOptions(config: Pick<Config, 'logLevel'>): LoggerOptions {
  return { level: config.logLevel, redact: ['req.headers.authorization'] };
}

export function createLogger(config: Pick<Config, 'logLevel'>) {
  return pino(loggerOptions(config));
}
