// Base64 for Uint8Array with what every runtime has (btoa/atob), in chunks so large files fit.

const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK * 48) {
    let bin = '';
    const end = Math.min(bytes.length, i + CHUNK * 48);
    for (let j = i; j < end; j += CHUNK) bin += String.fromCharCode.apply(null, bytes.subarray(j, Math.min(end, j + CHUNK)) as unknown as number[]);
    parts.push(btoa(bin));
  }
  return parts.join('');
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}
