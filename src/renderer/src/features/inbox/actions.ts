/**
 * What the Inbox page does: read main's Inbox, follow what arrives, start and stop it, choose its answer, clear
 * it and copy a request as curl; each asks main, then updates the Inbox store and tells the user how it went.
 */
import type { InboxResponse } from '../../../../shared/inbox';
import { call, subscribe } from '../../lib/ipc';
import { verifyEachRequest, verifyInboxRequest } from '../doctor/actions';
import { useDoctor } from '../../stores/doctor';
import { useInbox } from '../../stores/inbox';
import { reportError } from '../../stores/status';
import { toast } from '../../stores/toasts';

let loadSequence = 0;

/** Reads main's status and the requests it keeps (the list already shown stays while it loads). */
export async function loadInbox(): Promise<void> {
  const sequence = ++loadSequence;
  useInbox.getState().loading();
  try {
    const [inbox, requests] = await Promise.all([call('inbox.status'), call('inbox.list')]);
    if (sequence === loadSequence) {
      useInbox.getState().loaded(inbox, requests);
      // Once the webhooks to verify against are known (their load verifies whatever is listed by then).
      if (useDoctor.getState().targetsStatus === 'ready') void verifyEachRequest();
    }
  } catch (error) {
    if (sequence === loadSequence) useInbox.getState().failed(reportError(error).message);
  }
}

/** Shows each request as main receives it, and asks for its signature's verdict; returns the unsubscribe. */
export function followInbox(): () => void {
  return subscribe('inbox.received', (request) => {
    useInbox.getState().received(request);
    void verifyInboxRequest(request.id);
  });
}

/**
 * "Start receiving" on `port` (127.0.0.1, or every interface when asked). Throws main's error (PORT_IN_USE says
 * which port is taken) for the form to show where the user looks.
 */
export async function startInbox(port: number, exposeToNetwork: boolean): Promise<void> {
  useInbox.getState().changed(await call('inbox.start', { port, exposeToNetwork }));
}

/** "Stop receiving": frees the port; the requests stay. */
export async function stopInbox(): Promise<void> {
  try {
    useInbox.getState().changed(await call('inbox.stop'));
  } catch (error) {
    toast(`The Inbox could not stop: ${reportError(error).message}`, 'error');
  }
}

/** The status and delay of the Inbox's answer; the fields show it (no toast). Throws for the field to show. */
export async function setInboxResponse(response: InboxResponse): Promise<void> {
  useInbox.getState().changed(await call('inbox.setResponse', response));
}

/** "Clear": main forgets the requests it kept; the list empties. */
export async function clearInbox(): Promise<void> {
  try {
    useInbox.getState().cleared(await call('inbox.clear'));
  } catch (error) {
    toast(`The requests could not be cleared: ${reportError(error).message}`, 'error');
  }
}

/** "Save requests": main asks where and writes them (exact bytes and headers), so they outlive the app. */
export async function saveInbox(): Promise<void> {
  try {
    const { path, saved } = await call('inbox.save');
    if (path !== null) toast(`Saved ${saved === 1 ? '1 request' : `${saved} requests`} to ${path}`);
  } catch (error) {
    toast(`The requests could not be saved: ${reportError(error).message}`, 'error');
  }
}

/** Main builds the command (the request again, to the Inbox's address and the same path) and copies it. */
export async function copyRequestAsCurl(requestId: string): Promise<void> {
  try {
    await call('inbox.copyAsCurl', { requestId });
    toast('Copied as curl — it sends this request to the Inbox again');
  } catch (error) {
    toast(`Could not copy: ${reportError(error).message}`, 'error');
  }
}

/** "Copy address": the Inbox's URL (never a secret), copied in main like everything else. */
export async function copyInboxAddress(): Promise<void> {
  try {
    await call('inbox.copyAddress');
    toast('Address copied');
  } catch (error) {
    toast(`Could not copy: ${reportError(error).message}`, 'error');
  }
}
