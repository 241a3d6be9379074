/**
 * The one-time token of an e-mailed link (`/reset-password#token=…`). It travels in the fragment, which
 * browsers never send to servers or in Referer headers; it is taken out of the address bar at once.
 */
export function takeLinkToken(): string | null {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (token !== null) window.history.replaceState(null, '', window.location.pathname);
  return token;
}
