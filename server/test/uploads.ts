import { randomBytes } from 'node:crypto';
import type { Client } from '../src/testing/harness.js';

// Uploads in tests: multipart/form-data bodies for POST /api/v1/attachments.

export type Part =
  | { name: string; value: string }
  | { name: string; filename: string; content: Buffer; type?: string };

/** A multipart/form-data body, parts in the given order. */
export function multipart(parts: Part[]) {
  const boundary = `----cadence${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const head =
      'value' in p
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\n` +
          `Content-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`;
    chunks.push(Buffer.from(head), 'value' in p ? Buffer.from(p.value) : p.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export const pdf = (text = '报价单') =>
  Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);

export function upload(c: Client, parts: Part[], headers: Record<string, string> = {}) {
  const { body, contentType } = multipart(parts);
  return c({
    method: 'POST',
    url: '/api/v1/attachments',
    body,
    headers: { 'content-type': contentType, ...headers },
  });
}

export const fileTo = (
  object: string,
  recordId: string,
  filename: string,
  content: Buffer,
  kind?: string,
): Part[] => [
  { name: 'object', value: object },
  { name: 'recordId', value: recordId },
  ...(kind ? [{ name: 'kind', value: kind }] : []),
  { name: 'file', filename, content, type: 'application/pdf' },
];
