/** A Retry-After header (seconds or an HTTP date) in ms, or null when absent or unreadable. */
export function readRetryAfter(res: Response, now = Date.now()): number | null {
  const h = res.headers.get('retry-after');
  if (!h) return null;
  if (/^\d+$/.test(h.trim())) return Number(h.trim()) * 1000;
  const at = Date.parse(h);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
