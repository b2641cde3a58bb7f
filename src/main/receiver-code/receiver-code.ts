/**
 * "Receiver code": ready-to-run verification code for a webhook's signature scheme, in each language a user
 * may write their receiver in. Pure: the code reads the secret from the environment (HOOKWARDEN_SECRET, and
 * during a rotation HOOKWARDEN_PREVIOUS_SECRET too), so it never holds a secret value.
 */
import type { SignatureScheme } from '../../shared/domain';
import {
  RECEIVER_LANGUAGE_LABELS,
  type ReceiverCode,
  type ReceiverEnvVar,
  type ReceiverLanguage,
} from '../../shared/receiver-code';
import type { Rotation } from '../../shared/rotation';
import { goReceiver } from './go';
import { expressReceiver, nextReceiver } from './node';
import { phpReceiver } from './php';
import { fastApiReceiver, flaskReceiver } from './python';
import { sinatraReceiver } from './ruby';
import { PREVIOUS_SECRET_ENV, SECRET_ENV, type Snippet, type SnippetInput } from './snippet';

export { PREVIOUS_SECRET_ENV, SECRET_ENV } from './snippet';

export interface ReceiverCodeInput {
  scheme: SignatureScheme;
  language: ReceiverLanguage;
  /**
   * 2 during a rotation: the code accepts a delivery signed with HOOKWARDEN_SECRET (the new secret) or
   * HOOKWARDEN_PREVIOUS_SECRET (the one it replaces; optional, so it can be unset when the rotation ends).
   * `receiverEnv(webhook.rotation).length` is the count for a webhook.
   */
  secretCount: 1 | 2;
  /** The URL path the receiver answers on (the webhook URL's path); default `/webhooks`. */
  path?: string;
}

/**
 * The environment variables a receiver of this webhook needs now, and which of its secrets each holds: the
 * current one; during a guided rotation's first step, the new (`next`) one and the current one; during an
 * overlap, the new (`current`) one and the `previous` one. The `.env` lines are `NAME=<secret of that role>`.
 */
export function receiverEnv(rotation: Rotation | undefined): ReceiverEnvVar[] {
  if (!rotation) return [{ name: SECRET_ENV, role: 'current' }];
  return rotation.phase === 'next'
    ? [
        { name: SECRET_ENV, role: 'next' },
        { name: PREVIOUS_SECRET_ENV, role: 'current' },
      ]
    : [
        { name: SECRET_ENV, role: 'current' },
        { name: PREVIOUS_SECRET_ENV, role: 'previous' },
      ];
}

export const DEFAULT_RECEIVER_PATH = '/webhooks';

/**
 * A URL path made only of unreserved characters and slashes (no `.` or `..` segment), or the default: it goes
 * into the code as is, and for Next.js into the route's folder name.
 */
export function receiverPath(path: string | undefined): string {
  const trimmed = path?.replace(/\/+$/, '') ?? '';
  const segments = trimmed.split('/').slice(1);
  const plain = segments.every((segment) => /^[A-Za-z0-9._~-]+$/.test(segment) && !/^\.+$/.test(segment));
  return trimmed.startsWith('/') && plain ? trimmed : DEFAULT_RECEIVER_PATH;
}

const generators: Record<ReceiverLanguage, (input: SnippetInput) => Snippet> = {
  'node-express': expressReceiver,
  'node-nextjs': nextReceiver,
  'python-flask': flaskReceiver,
  'python-fastapi': fastApiReceiver,
  go: goReceiver,
  php: phpReceiver,
  'ruby-sinatra': sinatraReceiver,
};

export function receiverCode({ scheme, language, secretCount, path }: ReceiverCodeInput): ReceiverCode {
  const snippet = generators[language]({ scheme, secretCount, path: receiverPath(path) });
  return { language, label: RECEIVER_LANGUAGE_LABELS[language], ...snippet };
}
