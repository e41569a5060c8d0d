/**
 * The order link carries its access token in the fragment (#token=...), which
 * browsers never send to servers or in Referer headers; ?token=... is accepted too.
 */
export function readAccessToken(location: { hash: string; search: string }): string | undefined {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  const fromQuery = new URLSearchParams(location.search).get('token');
  return fromHash || fromQuery || undefined;
}

export function orderLink(orderId: string, accessToken: string): string {
  return `/orders/${encodeURIComponent(orderId)}#token=${encodeURIComponent(accessToken)}`;
}

export function confirmationLink(orderId: string, accessToken: string): string {
  return `/checkout/confirmation/${encodeURIComponent(orderId)}#token=${encodeURIComponent(accessToken)}`;
}
