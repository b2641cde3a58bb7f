/**
 * "Receiver code" for a webhook: the snippet for its scheme, path and rotation (accepting both secrets during
 * one), and its `.env` lines copied with the clipboard rules of a secret. The code itself holds no secret.
 */
import type { ParsedInput } from '../../shared/contract';
import type { ReceiverCode, ReceiverEnvVar } from '../../shared/receiver-code';
import type { SecretRole } from '../../shared/rotation';
import { findWebhook } from '../config/lookups';
import type { ConfigStore } from '../config/ports';
import type { ClipboardPort } from '../ports';
import { receiverCode, receiverEnv } from './receiver-code';

interface Deps {
  config: ConfigStore;
  /** A secret of the webhook by role (SECRET_MISSING / NO_ROTATION when there is none). */
  readRole: (webhookId: string, role: SecretRole) => Promise<string>;
  /** Copies text holding a secret, cleared as a copied secret is. */
  copySecretText: (text: string) => Promise<{ clearsAfterMs: number }>;
  clipboard: ClipboardPort;
}

export function createReceiverCodeService({ config, readRole, copySecretText, clipboard }: Deps) {
  function codeFor({
    id,
    language,
  }: ParsedInput<'receiverCode.get'>): ReceiverCode & { env: ReceiverEnvVar[] } {
    const webhook = findWebhook(config.read(), id);
    const env = receiverEnv(webhook.rotation);
    const path = new URL(webhook.url).pathname;
    const secretCount = env.length === 2 ? 2 : 1;
    return { ...receiverCode({ scheme: webhook.scheme, language, secretCount, path }), env };
  }

  return {
    get: codeFor,

    /** "Copy code": the snippet as text (no secret in it). */
    async copy(input: ParsedInput<'receiverCode.copy'>): Promise<{ filename: string }> {
      const { code, filename } = codeFor(input);
      await clipboard.writeText(code);
      return { filename };
    },

    /** "Copy .env line": `HOOKWARDEN_SECRET=<secret>` (and the previous one during a rotation). */
    async copyEnv({
      id,
    }: ParsedInput<'receiverCode.copyEnv'>): Promise<{ clearsAfterMs: number; names: string[] }> {
      const env = receiverEnv(findWebhook(config.read(), id).rotation);
      const lines: string[] = [];
      for (const { name, role } of env) lines.push(`${name}=${await readRole(id, role)}`);
      const { clearsAfterMs } = await copySecretText(`${lines.join('\n')}\n`);
      return { clearsAfterMs, names: env.map(({ name }) => name) };
    },
  };
}
