/** What "Check endpoint" asks of the network, one question per check. */

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** What a TLS handshake showed, whether or not the certificate verified. */
export interface TlsFacts {
  /** The verification failure's code (CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID, …); null when verified. */
  failure: string | null;
  /** e.g. TLSv1.3 */
  protocol: string;
  /** The leaf certificate's end of validity. */
  validTo: Date;
  issuer: string;
}

export interface EndpointProbes {
  /** A and AAAA, from the system resolver (so /etc/hosts and localhost count); throws with the resolver's code. */
  lookup(hostname: string, timeoutMs: number): Promise<ResolvedAddress[]>;
  /** Opens and closes a TCP connection; throws with the socket's code. Resolves with the time it took. */
  connect(address: string, port: number, timeoutMs: number): Promise<number>;
  /** A TLS handshake to the address, naming `servername`; throws only when no handshake completes. */
  tls(address: string, port: number, servername: string, timeoutMs: number): Promise<TlsFacts>;
  /** A HEAD request that follows nothing: the status and Location, or null when nothing answered in time. */
  head(url: string, timeoutMs: number): Promise<{ status: number; location: string | null } | null>;
}
