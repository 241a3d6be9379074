import { fileTypeFromBuffer } from 'file-type';

/** Declared types whose content has no signature to sniff: accepted when the bytes look like text. */
const textTypes = new Set(['text/plain', 'text/csv', 'text/markdown', 'application/json']);

/** Whether a media type is one of `accept` (exact, or `type/*`); no `accept` takes any type. */
export function isAccepted(mediaType: string, accept: readonly string[] | undefined): boolean {
  if (!accept || accept.length === 0) return true;
  const [kind] = mediaType.split('/');
  return accept.some((each) => {
    const wanted = each.toLowerCase().trim();
    return wanted === mediaType || wanted === '*/*' || wanted === `${kind}/*`;
  });
}

/**
 * The media type of a file, decided by its content: the signature file-type finds (whatever the name or
 * the browser said), else the declared type when it is a text type and the bytes are text, else
 * `application/octet-stream`. An .exe renamed .pdf is `application/x-msdownload`.
 */
export async function mediaTypeOf(bytes: Uint8Array, declared: string): Promise<string> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) return found.mime;
  const type = declared.toLowerCase().split(';')[0]?.trim() ?? '';
  const sample = bytes.subarray(0, 64 * 1024);
  if (textTypes.has(type) && !sample.includes(0)) return type;
  return 'application/octet-stream';
}
