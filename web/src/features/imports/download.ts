import { csrfToken } from '../../app/api';
import { currentLanguage } from '../../app/i18n';
import { ApiProblem } from '../../app/problem';

/** The file name of a `Content-Disposition: attachment; filename*=UTF-8''…` header. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="([^"]+)"/i.exec(disposition ?? '');
  return plain?.[1] ?? fallback;
}

/**
 * Downloads a file the API streams (an export, an error report) under the name the server gives —
 * asked for with GET, or with POST when there is a body —
 * or throws the server's problem (e.g. 422 export_too_large) for the page to show.
 */
export async function downloadFile(url: string, fallbackName: string, body?: unknown): Promise<void> {
  const headers: Record<string, string> = { 'Accept-Language': currentLanguage() };
  // An export described by a body (a drill-down's cell) is a POST, with the CSRF token as any other.
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    const token = csrfToken();
    if (token) headers['X-CSRF-Token'] = token;
  }
  const res = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    credentials: 'same-origin',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new ApiProblem(res.status, await res.json().catch(() => null));
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** A query string of the defined values only. */
export function queryOf(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  return q.toString();
}
