/**
 * The local receiver ("Inbox"): an HTTP listener on 127.0.0.1 (the whole network only when asked) that keeps
 * every request's exact bytes and headers, newest last, and answers with the status and delay the user chose,
 * so a user can watch what a sender sends and test how it behaves on failures.
 */
import { randomUUID } from 'node:crypto';
import type { ParsedInput } from '../../shared/contract';
import type { CurlCopy } from '../../shared/delivery';
import { AppError } from '../../shared/errors';
import {
  DEFAULT_INBOX_RESPONSE,
  INBOX_BODY_LIMIT,
  INBOX_LIMIT,
  INBOX_RETRY_AFTER_SECONDS,
  INBOX_STATUS_TEXT,
  type InboxResponse,
  type InboxStatus,
  type ReceivedRequest,
} from '../../shared/inbox';
import { curlCommand } from '../deliveries/curl';
import type { ClipboardPort, Clock, EmitEvent, Schedule } from '../ports';
import type { HttpListener, IncomingRequest, Listen, Reply } from './ports';
import type { TransferFiles } from '../transfer/ports';

interface Deps {
  listen: Listen;
  /** Where "Save requests" writes them (the user picks the file). */
  files: TransferFiles;
  clock: Clock;
  /** Runs the chosen delay before an answer (the system timer unless a test drives it). */
  schedule: Schedule;
  emit: EmitEvent;
  clipboard: ClipboardPort;
}

export function createInbox({ listen, files, clock, schedule, emit, clipboard }: Deps) {
  let listener: HttpListener | null = null;
  let host = '127.0.0.1';
  let response: InboxResponse = DEFAULT_INBOX_RESPONSE;
  const received: ReceivedRequest[] = [];

  function status(): InboxStatus {
    return {
      listening: listener !== null,
      url: listener ? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${listener.port}` : null,
      exposedToNetwork: listener !== null && host === '0.0.0.0',
      response,
      received: received.length,
    };
  }

  function reply(): Reply {
    const { status: code } = response;
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (code === 503) headers['Retry-After'] = String(INBOX_RETRY_AFTER_SECONDS);
    return {
      status: code,
      headers,
      body: JSON.stringify({ received: code < 300, status: INBOX_STATUS_TEXT[code] }),
    };
  }

  /** Keeps the request, tells the renderer, then answers after the chosen delay. */
  async function handle(request: IncomingRequest): Promise<Reply> {
    const answer = reply();
    const record: ReceivedRequest = {
      id: randomUUID(),
      receivedAt: clock.now().toISOString(),
      method: request.method,
      path: request.path,
      headers: request.headers,
      bodyBase64: request.body.toString('base64'),
      bodyBytes: request.bodyBytes,
      truncated: request.bodyBytes > request.body.length,
      remoteAddress: request.remoteAddress,
      answeredStatus: answer.status,
    };
    received.push(record);
    if (received.length > INBOX_LIMIT) received.shift();
    emit('inbox.received', record);
    const delayMs = response.delaySeconds * 1000;
    if (delayMs > 0) await new Promise<void>((resolve) => schedule(delayMs, resolve));
    return answer;
  }

  async function stop(): Promise<InboxStatus> {
    const running = listener;
    listener = null;
    await running?.close();
    return status();
  }

  return {
    status,

    /** "Start receiving": PORT_IN_USE when the port is taken; a running Inbox moves to the new port. */
    async start({ port, exposeToNetwork }: ParsedInput<'inbox.start'>): Promise<InboxStatus> {
      const wanted = exposeToNetwork ? '0.0.0.0' : '127.0.0.1';
      if (listener?.port === port && host === wanted) return status();
      await stop();
      listener = await listen({ host: wanted, port, bodyLimit: INBOX_BODY_LIMIT }, handle);
      host = wanted;
      return status();
    },

    /** "Stop receiving": frees the port; the requests stay. Also run on quit. */
    stop,

    setResponse(next: ParsedInput<'inbox.setResponse'>): InboxStatus {
      response = next;
      return status();
    },

    /** The kept requests, in arrival order. */
    list: (): ReceivedRequest[] => [...received],

    clear(): InboxStatus {
      received.length = 0;
      return status();
    },

    /**
     * "Save requests": the kept requests as JSON (bodies as base64, headers as sent) in a file the user picks,
     * so they outlive the app; null when the user cancels.
     */
    async save(): Promise<{ path: string | null; saved: number }> {
      const path = await files.chooseSaveFile('hookwarden-inbox.json');
      if (path === null) return { path, saved: 0 };
      const saved = [...received];
      await files.write(
        path,
        Buffer.from(`${JSON.stringify({ format: 'hookwarden-inbox', requests: saved }, null, 2)}\n`),
      );
      return { path, saved: saved.length };
    },

    /** "Copy address": the address to send to, on the clipboard (copied in main, as everything is). */
    async copyAddress(): Promise<{ url: string }> {
      const { url } = status();
      if (url === null) throw new AppError('NOT_FOUND', 'The Inbox is not receiving: start it first.');
      await clipboard.writeText(url);
      return { url };
    },

    /** A received request as a curl command to send it again (to the Inbox's own address, same path). */
    async copyAsCurl({ requestId }: ParsedInput<'inbox.copyAsCurl'>): Promise<CurlCopy> {
      const request = received.find((candidate) => candidate.id === requestId);
      if (!request) throw new AppError('NOT_FOUND', 'This request is no longer in the Inbox.');
      const base = status().url ?? `http://127.0.0.1`;
      const command = curlCommand({
        method: request.method,
        url: new URL(request.path, base).href,
        headers: Object.fromEntries(request.headers),
        body: Buffer.from(request.bodyBase64, 'base64').toString('utf8'),
      });
      await clipboard.writeText(command);
      return { command, signedAt: null };
    },
  };
}

export type Inbox = ReturnType<typeof createInbox>;
