/**
 * Export and import of a configuration, for the app and the CLI alike (bytes in, bytes out; where they come
 * from is the caller's business). An export has no secret unless asked, and then it is encrypted. An import is
 * validated and worked out in full first (import-plan.ts), then applied all or nothing: the secrets first,
 * then one config write; if the write fails, every secret written is put back as it was.
 */
import { randomUUID } from 'node:crypto';
import type { ParsedInput } from '../../shared/contract';
import { secretHeaderNames } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import {
  passphraseSchema,
  type ExportFile,
  type ImportChoices,
  type ImportPreview,
  type ImportResult,
} from '../../shared/transfer';
import { firstMessage } from '../../shared/zod-issues';
import { updateConfig } from '../config/lookups';
import type { ConfigStore } from '../config/ports';
import { headerSlot, type ProfileSecrets, type SecretSlot } from '../keychain/profile-secrets';
import { generateSecret } from '../keychain/secret-format';
import type { Clock } from '../ports';
import { decryptWithPassphrase, encryptWithPassphrase, isAgeFile } from './encryption';
import { buildExport, parseExport } from './export-file';
import { planImport } from './import-plan';
import type { TransferFiles } from './ports';

interface Deps {
  config: ConfigStore;
  secrets: ProfileSecrets;
  clock: Clock;
  files: TransferFiles;
  /** age's scrypt work factor for an export with secrets; tests lower it to save their seconds. */
  scryptWorkFactor?: number;
}

/** An import file the user picked, kept in main until it is applied or another is picked. */
interface PendingImport {
  token: string;
  bytes: Uint8Array;
  /** Once read (and decrypted), the file itself. */
  file?: ExportFile;
}

export function createTransferService({ config, secrets, clock, files, scryptWorkFactor }: Deps) {
  let pending: PendingImport | null = null;

  /** Each webhook's current secret and secret headers' values, for an export with secrets. */
  async function allSecrets(): Promise<NonNullable<ExportFile['secrets']>> {
    const found: NonNullable<ExportFile['secrets']> = {};
    for (const webhook of config.read().webhooks) {
      const current = await secrets.get(webhook.id);
      if (current === null) {
        throw new AppError(
          'SECRET_MISSING',
          'A webhook has no signing secret in the keychain: regenerate it first.',
        );
      }
      const headers: Record<string, string> = {};
      for (const name of secretHeaderNames(webhook.headers)) {
        const value = await secrets.get(webhook.id, headerSlot(name));
        if (value !== null) headers[name] = value;
      }
      found[webhook.id] = { current, headers };
    }
    return found;
  }

  /** The export's bytes: plain JSON, or with the secrets, age-encrypted with the passphrase. */
  async function exportBytes(passphrase?: string): Promise<Uint8Array> {
    if (passphrase === undefined) {
      const file = buildExport(config.read(), clock.now());
      return Buffer.from(`${JSON.stringify(file, null, 2)}\n`, 'utf8');
    }
    const checked = passphraseSchema.safeParse(passphrase);
    if (!checked.success)
      throw new AppError('INVALID_INPUT', firstMessage(checked.error, 'Invalid passphrase.'));
    const file = buildExport(config.read(), clock.now(), await allSecrets());
    return encryptWithPassphrase(JSON.stringify(file), passphrase, scryptWorkFactor);
  }

  /** Reads an import file fully (decrypting it with the passphrase when it is encrypted); changes nothing. */
  async function readImport(bytes: Uint8Array, passphrase?: string): Promise<ExportFile> {
    if (!isAgeFile(bytes)) return parseExport(Buffer.from(bytes).toString('utf8'));
    if (passphrase === undefined) {
      throw new AppError('WRONG_PASSPHRASE', 'This export is encrypted: give its passphrase.');
    }
    return parseExport(await decryptWithPassphrase(bytes, passphrase));
  }

  async function importFile(file: ExportFile, choices: ImportChoices): Promise<ImportResult> {
    const plan = planImport(config.read(), file, choices);
    /** What each written slot held before, to put back if the config write fails. */
    const written: { webhookId: string; slot: SecretSlot; before: string | null }[] = [];
    const write = async (webhookId: string, slot: SecretSlot, value: string) => {
      written.push({ webhookId, slot, before: await secrets.get(webhookId, slot) });
      await secrets.set(webhookId, value, slot);
    };
    const fresh: string[] = [];
    try {
      for (const { webhookId, current, headers } of plan.secrets) {
        if (current === null) fresh.push(plan.names.get(webhookId) ?? webhookId);
        await write(webhookId, 'current', current ?? generateSecret());
        for (const [name, value] of Object.entries(headers)) await write(webhookId, headerSlot(name), value);
      }
      updateConfig(config, () => plan.next);
    } catch (error) {
      for (const { webhookId, slot, before } of written.reverse()) {
        await (
          before === null ? secrets.delete(webhookId, slot) : secrets.set(webhookId, before, slot)
        ).catch(() => undefined);
      }
      throw error;
    }
    return { added: plan.added, replaced: plan.replaced, skipped: plan.skipped, freshSecrets: fresh };
  }

  /** The picked file, read once its passphrase (if any) is known. */
  async function pendingFile(token: string, passphrase?: string): Promise<ExportFile> {
    if (pending?.token !== token) throw new AppError('NOT_FOUND', 'Pick the file to import again.');
    pending.file ??= await readImport(pending.bytes, passphrase);
    return pending.file;
  }

  /** What importing the file would add, replace and skip here; changes nothing. */
  const previewFile = (file: ExportFile, choices: ImportChoices): ImportPreview =>
    planImport(config.read(), file, choices).preview;

  return {
    exportBytes,
    readImport,
    previewFile,
    importFile,

    /** "Export configuration…" / "Export with secrets…": asks where, then writes the file. */
    async export({
      withSecrets,
      passphrase,
    }: ParsedInput<'transfer.export'>): Promise<{ path: string | null }> {
      if (withSecrets && passphrase === undefined) {
        throw new AppError('INVALID_INPUT', 'An export with secrets is encrypted: give a passphrase.');
      }
      const bytes = await exportBytes(withSecrets ? passphrase : undefined);
      const path = await files.chooseSaveFile(
        withSecrets ? 'hookwarden-configuration.json.age' : 'hookwarden-configuration.json',
      );
      if (path !== null) {
        try {
          await files.write(path, bytes);
        } catch (error) {
          throw new AppError('STORAGE_FAILED', `Could not write ${path}: ${(error as Error).message}`);
        }
      }
      return { path };
    },

    /** "Import configuration…": asks which file and keeps it until it is applied; says if it is encrypted. */
    async openImport(): Promise<{ token: string; path: string; encrypted: boolean } | null> {
      const path = await files.chooseOpenFile();
      if (path === null) return null;
      const bytes = await files.read(path);
      pending = { token: randomUUID(), bytes };
      return { token: pending.token, path, encrypted: isAgeFile(bytes) };
    },

    async previewImport({
      token,
      passphrase,
      choices,
    }: ParsedInput<'transfer.previewImport'>): Promise<ImportPreview> {
      return previewFile(await pendingFile(token, passphrase), choices);
    },

    async applyImport({
      token,
      passphrase,
      choices,
    }: ParsedInput<'transfer.applyImport'>): Promise<ImportResult> {
      const result = await importFile(await pendingFile(token, passphrase), choices);
      pending = null;
      return result;
    },
  };
}

export type TransferService = ReturnType<typeof createTransferService>;
