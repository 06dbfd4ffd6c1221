// docket/client: the TypeScript SDK. Runs wherever fetch and WebCrypto do (Node 20+, browsers, edge runtimes).
export { Docket, Missions, type DocketOptions, type CallOptions, type CreateOptions, type WaitOptions } from './docket.js';
export {
  DocketError, ApiError, BadRequestError, AuthenticationError, PermissionError, NotFoundError, ConflictError, UnprocessableError,
  RateLimitError, ServerError, ConnectionError, MissionFailedError, WebhookVerificationError,
} from './errors.js';
export { verifyWebhook, signWebhook, type VerifyWebhookOptions, type HeadersLike } from './webhooks.js';
export { bytesToBase64, base64ToBytes } from './base64.js';
export type * from './types.js';
