// The person import's upload as the web app sends it (multipart, streamed): shared by the import tests and
// the tests that need a waiting import (erasure).
import type { TestClient } from './harness.ts';

/** A multipart/form-data body as a browser sends it: the fields first, then the file. */
export function multipart(fields: Record<string, string>, file: { name: string; bytes: Buffer; type?: string }) {
  const boundary = `----kopru${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads a file to POST /persons/import as the web app does (multipart, streamed). */
export function uploadImport(client: TestClient, file: { fileName: string; contentBase64: string; officeId?: string }) {
  const { body, contentType } = multipart(file.officeId ? { officeId: file.officeId } : {}, {
    name: file.fileName,
    bytes: Buffer.from(file.contentBase64, 'base64'),
  });
  return client.post('/api/v1/persons/import', body, { 'content-type': contentType });
}
