// The Docket client: one object per server and key, with a method per endpoint.
import { bytesToBase64 } from './base64.js';
import { ConflictError, DocketError, MissionFailedError, NotFoundError } from './errors.js';
import { Transport, sleep } from './http.js';
import { readSse } from './sse.js';
import type {
  CreatedMission, CreateMissionParams, DocumentInput, DownloadedDocument, ListMissionsFilter, Mission, MissionPage, MissionWithResults,
  PositionPackage, Team,
} from './types.js';

const API_BASE = '/api/external/v1';

export interface DocketOptions {
  /** The server, e.g. http://localhost:8080 (the /api/external/v1 base may be included or not). Default: DOCKET_URL, else http://localhost:8080. */
  baseUrl?: string;
  /** A dk_live_ key. Default: the DOCKET_API_KEY environment variable where there is one. */
  apiKey?: string;
  /** Retries after the first attempt, for 429, 500/502/503/504 and network failures (default 3). */
  maxRetries?: number;
  /** Time allowed for one attempt, in ms (default 60 000). */
  timeoutMs?: number;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
  /** First step of the exponential backoff for 5xx and network failures, in ms (default 500). */
  retryBaseDelayMs?: number;
  /** Cap on one such backoff step, in ms (default 30 000). */
  maxRetryDelayMs?: number;
  /** Receives one line per retry (never carrying the key). */
  logger?: (line: string) => void;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface CreateOptions extends CallOptions {
  /** Sent as Idempotency-Key, the same on every retry. Default: a random UUID; null sends none. */
  idempotencyKey?: string | null;
}

export interface WaitOptions extends CallOptions {
  /** Polling interval, in ms (default 5000, the API's recommendation). */
  intervalMs?: number;
  /** Called with the mission when its status or stage changes (and once at the start). */
  onProgress?: (mission: Mission, info: { elapsedMs: number }) => void;
  /** Follow GET /missions/{id}/events where the server offers it (default true); polls otherwise. */
  stream?: boolean;
  /** Throw MissionFailedError when the mission fails (default false: return it, status "failed"). */
  throwOnFailure?: boolean;
}

type Env = { process?: { env?: Record<string, string | undefined> } };
const env = (name: string): string | undefined => (globalThis as Env).process?.env?.[name] || undefined;

const isTerminal = (m: Pick<Mission, 'status'>) => m.status === 'completed' || m.status === 'failed';

export class Docket {
  readonly teams: { list(opts?: CallOptions): Promise<Team[]> };
  readonly positionPackages: { list(opts?: CallOptions): Promise<PositionPackage[]> };
  readonly missions: Missions;
  /** The API base every path is relative to, e.g. http://localhost:8080/api/external/v1. */
  readonly apiBase: string;
  private readonly http: Transport;

  constructor(opts: DocketOptions = {}) {
    const apiKey = opts.apiKey ?? env('DOCKET_API_KEY');
    if (!apiKey) throw new DocketError('No API key: pass apiKey to new Docket() or set DOCKET_API_KEY.');
    const base = (opts.baseUrl ?? env('DOCKET_URL') ?? 'http://localhost:8080').replace(/\/+$/, '');
    this.apiBase = base.endsWith(API_BASE) ? base : base + API_BASE;
    const f = opts.fetch ?? globalThis.fetch;
    if (typeof f !== 'function') throw new DocketError('This runtime has no fetch; pass one as the fetch option.');
    this.http = new Transport({
      apiBase: this.apiBase,
      apiKey,
      maxRetries: opts.maxRetries ?? 3,
      timeoutMs: opts.timeoutMs ?? 60_000,
      retryBaseDelayMs: opts.retryBaseDelayMs ?? 500,
      maxRetryDelayMs: opts.maxRetryDelayMs ?? 30_000,
      fetch: (input, init) => f(input, init),
      logger: opts.logger,
    });
    const http = this.http;
    this.teams = {
      async list(o = {}) {
        return (await http.request<{ teams: Team[] }>({ method: 'GET', path: '/teams', signal: o.signal })).data.teams;
      },
    };
    this.positionPackages = {
      async list(o = {}) {
        return (await http.request<{ positionPackages: PositionPackage[] }>({ method: 'GET', path: '/position-packages', signal: o.signal })).data.positionPackages;
      },
    };
    this.missions = new Missions(http);
  }

  /**
   * Creates the mission unless one with this externalRef exists already (GET /missions?externalRef=
   * first, as the API guide advises); a 409 from an org that de-duplicates also returns the existing one.
   */
  async createMissionOnce(externalRef: string, params: Omit<CreateMissionParams, 'externalRef'>, opts: CreateOptions = {}): Promise<{ mission: Mission; created: boolean }> {
    const existing = async () => (await this.missions.list({ externalRef, limit: 1 }, opts)).missions[0];
    const found = await existing();
    if (found) return { mission: found, created: false };
    try {
      return { mission: (await this.missions.create({ ...params, externalRef }, opts)).mission, created: true };
    } catch (e) {
      if (e instanceof ConflictError) {
        const raced = await existing();
        if (raced) return { mission: raced, created: false };
      }
      throw e;
    }
  }

  /**
   * Resolves once the mission is completed or failed, with the mission and its results. Follows
   * the server's event stream when it has one (a 404 there means it does not), else polls.
   */
  async waitForMission(id: string, opts: WaitOptions = {}): Promise<MissionWithResults> {
    const started = Date.now();
    const interval = opts.intervalMs ?? 5000;
    let lastKey = '';
    let current: Mission | undefined;
    const see = (m: Mission) => {
      current = m;
      const key = `${m.status}/${m.stage}`;
      if (key !== lastKey) {
        lastKey = key;
        opts.onProgress?.(m, { elapsedMs: Date.now() - started });
      }
    };
    const finish = (r: MissionWithResults) => {
      if (opts.throwOnFailure && r.mission.status === 'failed') throw new MissionFailedError(r.mission, r.results);
      return r;
    };

    let r = await this.missions.get(id, opts);
    if (isTerminal(r.mission)) {
      see(r.mission);
      return finish(r);
    }
    if (opts.stream !== false) {
      // The stream replays the mission's changes from the first, so progress comes from it alone.
      current = r.mission;
      const streamed = await this.follow(id, see, () => current!, opts.signal);
      if (streamed) {
        r = await this.missions.get(id, opts);
        see(r.mission);
        if (isTerminal(r.mission)) return finish(r);
      }
    }
    see(current ?? r.mission);
    for (;;) {
      await sleep(interval, opts.signal);
      r = await this.missions.get(id, opts);
      see(r.mission);
      if (isTerminal(r.mission)) return finish(r);
    }
  }

  /** Follows the event stream until a final status; false when the server has no stream or it keeps breaking. */
  private async follow(id: string, see: (m: Mission) => void, current: () => Mission, signal?: AbortSignal): Promise<boolean> {
    let lastEventId: string | null = null;
    let breaks = 0;
    while (breaks < 5) {
      let res: Response;
      try {
        const headers: Record<string, string> = lastEventId ? { 'last-event-id': lastEventId } : {};
        res = (await this.http.request({ method: 'GET', path: `/missions/${id}/events`, headers, signal, expect: 'stream' })).data;
      } catch (e) {
        if (signal?.aborted) throw e;
        if (e instanceof NotFoundError) return false; // no stream on this server: poll
        throw e;
      }
      try {
        for await (const ev of readSse(res)) {
          if (ev.id !== null) lastEventId = ev.id;
          const m = missionFromEvent(ev.data, current());
          if (!m) continue;
          see(m);
          if (isTerminal(m)) return true;
        }
      } catch (e) {
        if (signal?.aborted) throw e;
      }
      // The stream ended or broke before the end: check, then resume where it stopped.
      const now = await this.missions.get(id, { signal });
      see(now.mission);
      if (isTerminal(now.mission)) return true;
      breaks++;
      await sleep(Math.min(5000, 250 * 2 ** breaks), signal);
    }
    return false;
  }
}

/** Reads a mission (or a status/stage change) out of an event's data, whatever its exact shape. */
function missionFromEvent(data: string, prev: Mission): Mission | null {
  let j: unknown;
  try {
    j = JSON.parse(data);
  } catch {
    return null;
  }
  if (!j || typeof j !== 'object') return null;
  const o = j as Record<string, unknown>;
  const src = (o.mission && typeof o.mission === 'object' ? o.mission : o) as Record<string, unknown>;
  if (typeof src.status !== 'string' && typeof src.stage !== 'string') return null;
  return {
    ...prev,
    ...(typeof src.status === 'string' ? { status: src.status as Mission['status'] } : {}),
    ...(typeof src.stage === 'string' ? { stage: src.stage } : {}),
    ...(typeof src.failureReason === 'string' ? { failureReason: src.failureReason } : {}),
  };
}

export class Missions {
  constructor(private readonly http: Transport) {}

  /**
   * POST /missions. Sends an Idempotency-Key (a random UUID unless given; the same on every retry),
   * so a retry after a lost response or a 5xx returns the first mission instead of creating another.
   */
  async create(params: CreateMissionParams, opts: CreateOptions = {}): Promise<CreatedMission> {
    const idempotencyKey = opts.idempotencyKey === undefined ? randomUuid() : opts.idempotencyKey;
    const body = { ...params, document: await encodeDocument(params.document) };
    const r = await this.http.request<Omit<CreatedMission, 'idempotencyKey' | 'replayed'>>({
      method: 'POST',
      path: '/missions',
      body,
      headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
      signal: opts.signal,
    });
    return { ...r.data, idempotencyKey, replayed: r.headers.get('idempotent-replayed') === 'true' };
  }

  /** GET /missions/{id}: the mission and, once completed, its results. */
  async get(id: string, opts: CallOptions = {}): Promise<MissionWithResults> {
    return (await this.http.request<MissionWithResults>({ method: 'GET', path: `/missions/${encodeURIComponent(id)}`, signal: opts.signal })).data;
  }

  /** GET /missions: one page, newest first. */
  async list(filter: ListMissionsFilter & { limit?: number; cursor?: string } = {}, opts: CallOptions = {}): Promise<MissionPage> {
    return (await this.http.request<MissionPage>({ method: 'GET', path: '/missions', query: { ...filter }, signal: opts.signal })).data;
  }

  /** Every mission matching the filter, newest first, fetching pages of `pageSize` as the loop goes. */
  async *listAll(filter: ListMissionsFilter & { pageSize?: number } = {}, opts: CallOptions = {}): AsyncGenerator<Mission> {
    const { pageSize = 100, ...rest } = filter;
    let cursor: string | undefined;
    do {
      const page = await this.list({ ...rest, limit: pageSize, cursor }, opts);
      yield* page.missions;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /** Downloads a result document (redline, report, ...) of a mission: its bytes, filename and type. */
  async downloadDocument(missionId: string, document: string | { id: string }, opts: CallOptions = {}): Promise<DownloadedDocument> {
    const docId = typeof document === 'string' ? document : document.id;
    const r = await this.http.request({
      method: 'GET', path: `/missions/${encodeURIComponent(missionId)}/documents/${encodeURIComponent(docId)}`, signal: opts.signal, expect: 'bytes',
    });
    return {
      bytes: r.data,
      filename: filenameOf(r.headers.get('content-disposition')) ?? (typeof document === 'object' && 'filename' in document ? String(document.filename) : docId),
      mimeType: (r.headers.get('content-type') ?? 'application/octet-stream').split(';')[0].trim(),
    };
  }
}

async function encodeDocument(d: DocumentInput): Promise<{ base64: string; filename: string; mimeType?: string }> {
  if ('base64' in d) return d;
  const bytes = d.data instanceof Uint8Array ? d.data : d.data instanceof ArrayBuffer ? new Uint8Array(d.data) : new Uint8Array(await d.data.arrayBuffer());
  return { base64: bytesToBase64(bytes), filename: d.filename, ...(d.mimeType ? { mimeType: d.mimeType } : {}) };
}

/** filename*=UTF-8''... wins over filename="..." (RFC 6266). */
export function filenameOf(cd: string | null): string | null {
  if (!cd) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(cd);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch { /* fall back to the plain one */ }
  }
  const plain = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(cd) ?? /filename\s*=\s*([^;]+)/i.exec(cd);
  return plain ? plain[1].replace(/\\(.)/g, '$1').trim() : null;
}

function randomUuid(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
