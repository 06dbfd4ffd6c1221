// The blob port: document bytes, addressed by id. The store decides when they are written
// relative to its own transaction; a blob without a row is harmless garbage, never the reverse.
export interface Blobs {
  put(id: string, bytes: Uint8Array): Promise<void>;
  get(id: string): Promise<Uint8Array>;
  delete(id: string): Promise<void>;
}
