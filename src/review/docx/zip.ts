// Safe reading of a DOCX zip package. Hostile files are normal input, so every read is bounded:
// entry count, per-entry and total inflated bytes (counted on the real inflated stream, not the
// sizes the archive declares), compression ratio, and no encrypted entries. Only the entries a
// caller asks for are ever inflated.
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { DocumentError } from '../errors.js';

export interface ZipLimits {
  /** Max entries in the central directory. */
  maxEntries: number;
  /** Max inflated bytes of one entry. */
  maxEntryBytes: number;
  /** Max inflated bytes over every entry read through this package. */
  maxInflatedBytes: number;
  /** Max inflated:compressed ratio once an entry passes `ratioFloorBytes`. */
  maxRatio?: number;
  /** Below this many inflated bytes the ratio is not checked (small XML compresses very well). */
  ratioFloorBytes?: number;
}

const DEFAULT_MAX_RATIO = 200;
const DEFAULT_RATIO_FLOOR = 2 * 1024 * 1024;

const BROKEN = 'The document is not a valid Word file (its zip package is damaged or incomplete); save it again as .docx and resubmit it.';
const BOMB = 'The document expands to far more data than a real contract holds and was refused as unsafe.';

export class SafeZip {
  private inflatedTotal = 0;

  private constructor(
    private readonly zip: ZipFile,
    private readonly entries: Map<string, Entry>,
    /** Entry names in central-directory order. */
    readonly names: readonly string[],
    private readonly limits: Required<ZipLimits>,
  ) {}

  /** Open a zip from memory and read its central directory (nothing is inflated yet). */
  static async open(bytes: Uint8Array, limits: ZipLimits): Promise<SafeZip> {
    const l: Required<ZipLimits> = { maxRatio: DEFAULT_MAX_RATIO, ratioFloorBytes: DEFAULT_RATIO_FLOOR, ...limits };
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const zip = await new Promise<ZipFile>((resolve, reject) => {
      yauzl.fromBuffer(buf, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (err, z) =>
        err || !z ? reject(new DocumentError(BROKEN, 'unreadable')) : resolve(z),
      );
    });
    if (zip.entryCount > l.maxEntries) {
      zip.close();
      throw new DocumentError(`The document's package holds more than ${l.maxEntries} parts and was refused as unsafe.`, 'hostile');
    }
    const entries = new Map<string, Entry>();
    const names: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const fail = (e: DocumentError) => {
        zip.close();
        reject(e);
      };
      zip.on('entry', (entry: Entry) => {
        if (entry.isEncrypted()) return fail(new DocumentError('The document is encrypted; remove the password and submit it again.', 'encrypted'));
        if (entry.uncompressedSize > l.maxEntryBytes) return fail(new DocumentError(BOMB, 'hostile'));
        const name = entry.fileName.replace(/\\/g, '/');
        if (!name.endsWith('/')) {
          entries.set(name, entry);
          entries.set(name.toLowerCase(), entries.get(name.toLowerCase()) ?? entry);
          names.push(name);
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', () => fail(new DocumentError(BROKEN, 'unreadable')));
      zip.readEntry();
    });
    return new SafeZip(zip, entries, names, l);
  }

  has(name: string): boolean {
    return this.entries.has(name) || this.entries.has(name.toLowerCase());
  }

  /** Inflate one entry, enforcing the limits on the actual inflated stream. Undefined when absent. */
  async read(name: string): Promise<Uint8Array | undefined> {
    const entry = this.entries.get(name) ?? this.entries.get(name.toLowerCase());
    if (!entry) return undefined;
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => {
      this.zip.openReadStream(entry, (err, s) => (err || !s ? reject(new DocumentError(BROKEN, 'unreadable')) : resolve(s)));
    });
    const chunks: Buffer[] = [];
    let size = 0;
    const l = this.limits;
    const compressed = Math.max(1, entry.compressedSize);
    return new Promise<Uint8Array>((resolve, reject) => {
      let done = false;
      const fail = (e: DocumentError) => {
        if (done) return;
        done = true;
        chunks.length = 0;
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        reject(e);
      };
      stream.on('data', (chunk: Buffer) => {
        if (done) return;
        size += chunk.length;
        this.inflatedTotal += chunk.length;
        if (size > l.maxEntryBytes || this.inflatedTotal > l.maxInflatedBytes) return fail(new DocumentError(BOMB, 'hostile'));
        if (size > l.ratioFloorBytes && size / compressed > l.maxRatio) return fail(new DocumentError(BOMB, 'hostile'));
        chunks.push(chunk);
      });
      stream.on('error', () => fail(new DocumentError(BROKEN, 'unreadable')));
      stream.on('end', () => {
        if (done) return;
        done = true;
        resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
      });
    });
  }

  /** Inflate one entry as UTF-8 text (a BOM is dropped). */
  async readText(name: string): Promise<string | undefined> {
    const bytes = await this.read(name);
    if (!bytes) return undefined;
    let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return text;
  }

  /** Whether an entry is stored without compression (to keep it that way when rewriting). */
  isStored(name: string): boolean {
    const entry = this.entries.get(name);
    return entry?.compressionMethod === 0;
  }

  close(): void {
    this.zip.close();
  }
}

/** Open, run `fn`, and always close. */
export async function withZip<T>(bytes: Uint8Array, limits: ZipLimits, fn: (zip: SafeZip) => Promise<T>): Promise<T> {
  const zip = await SafeZip.open(bytes, limits);
  try {
    return await fn(zip);
  } finally {
    zip.close();
  }
}
