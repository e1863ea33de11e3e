/**
 * The inbound address of one assignment: reply+<token>@<INBOUND_DOMAIN>. The
 * token is the reply link's (base64url, so valid in a local part); whoever
 * holds it may answer, exactly as with the link.
 */
export function inboundAddress(domain: string, token: string): string {
  return `reply+${token}@${domain}`;
}

/** The token in an inbound address of ours, or null for any other address. */
export function tokenFromAddress(address: string, domain: string): string | null {
  const at = address.lastIndexOf('@');
  if (at < 0) return null;
  const local = address.slice(0, at);
  const host = address.slice(at + 1).toLowerCase();
  if (host !== domain.toLowerCase()) return null;
  const m = /^reply\+([A-Za-z0-9_-]{43})$/i.exec(local);
  return m ? m[1]! : null;
}
