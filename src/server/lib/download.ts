import type { FastifyReply } from 'fastify';
import { foldAscii } from '../../common/text.ts';
import type { FileOut } from './tabular.ts';

/**
 * Content-Disposition for a download (RFC 6266): an ASCII name for old clients ("Çalışan listesi.xlsx" →
 * "calisan-listesi.xlsx": Turkish letters folded, anything else a dash) and the UTF-8 name for the others.
 */
export function attachment(fileName: string): string {
  const ascii = foldAscii(fileName).replace(/[^\w.-]+/g, '-') || 'file';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Sends a file made for one reader: its type, the download name, and no cache on the way. */
export function sendFile(reply: FastifyReply, file: FileOut): FastifyReply {
  return reply
    .type(file.contentType)
    .header('content-disposition', attachment(file.fileName))
    .header('cache-control', 'private, no-store')
    .send(file.body);
}
