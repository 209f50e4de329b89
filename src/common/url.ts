/**
 * Web addresses that users type (an employer's website) are stored and shown only when they are
 * absolute `http:` or `https:` URLs: never `javascript:`, `data:`, `file:` or a relative path, which a
 * link would otherwise run or open.
 */
export function isHttpUrl(value: string): boolean {
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (value.length > 2000 || /[\s\u0000-\u001F\u007F]/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
}

/** The address when it is safe to link to, otherwise null (for records written before the check). */
export function safeHttpUrl(value: string | null | undefined): string | null {
  return value && isHttpUrl(value) ? value : null;
}
