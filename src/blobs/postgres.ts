// Document bytes in PostgreSQL (bytea). Built on a pool or on a transaction's client, so the
// store can write a mission's document in the same transaction as the mission row and its job.
import type { Blobs } from './index.js';
import type { Db } from '../store/postgres/db.js';

export class PgBlobs implements Blobs {
  constructor(private readonly db: Db) {}

  /** The same blobs, written through `db` (a transaction's client). */
  within(db: Db): PgBlobs {
    return new PgBlobs(db);
  }

  async put(id: string, bytes: Uint8Array): Promise<void> {
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await this.db.query('INSERT INTO document_blobs (id, bytes) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET bytes = excluded.bytes', [id, buf]);
  }

  async get(id: string): Promise<Uint8Array> {
    const { rows } = await this.db.query('SELECT bytes FROM document_blobs WHERE id = $1', [id]);
    if (!rows[0]) throw Object.assign(new Error(`document ${id} has no stored bytes`), { code: 'ENOENT' });
    return rows[0].bytes as Buffer;
  }

  async delete(id: string): Promise<void> {
    await this.db.query('DELETE FROM document_blobs WHERE id = $1', [id]);
  }
}
