import { mkdir, open, rename, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Blobs } from './index.js';

/** Files under `<dir>/<first two chars>/<id>`, written to a temp name, fsynced, then renamed. */
export class FsBlobs implements Blobs {
  constructor(private readonly dir: string) {}

  private path(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error('blob id must be a UUID');
    return join(this.dir, id.slice(0, 2), id);
  }

  async put(id: string, bytes: Uint8Array): Promise<void> {
    const final = this.path(id);
    await mkdir(join(this.dir, id.slice(0, 2)), { recursive: true });
    const tmp = `${final}.tmp-${process.pid}`;
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, final);
  }

  async get(id: string): Promise<Uint8Array> {
    return readFile(this.path(id));
  }

  async delete(id: string): Promise<void> {
    await rm(this.path(id), { force: true });
  }
}
