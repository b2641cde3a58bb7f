/** What the Inbox needs from the outside world: a plain HTTP listener. */

/** One request as the listener read it: raw header pairs, the body's first bytes and its full size. */
export interface IncomingRequest {
  method: string;
  path: string;
  /** Name/value pairs in arrival order, names as sent. */
  headers: [string, string][];
  body: Buffer;
  bodyBytes: number;
  remoteAddress: string;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface HttpListener {
  /** The port it got (the one asked for). */
  port: number;
  /** Stops accepting, ends open connections and frees the port. */
  close(): Promise<void>;
}

/**
 * Listens on `host:port`, keeping at most `bodyLimit` bytes of each body; PORT_IN_USE when the port is taken.
 * `handle` answers each request.
 */
export type Listen = (
  options: { host: string; port: number; bodyLimit: number },
  handle: (request: IncomingRequest) => Promise<Reply>,
) => Promise<HttpListener>;
