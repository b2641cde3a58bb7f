/**
 * An export with secrets is encrypted with a passphrase in the age format (age-encryption, by age's author),
 * so the file also opens with the standard `age -d`.
 */
import { Decrypter, Encrypter } from 'age-encryption';
import { AppError } from '../../shared/errors';

const AGE_HEADER = 'age-encryption.org/v1\n';

/** Whether these bytes are an age file (binary form), which needs a passphrase to read. */
export function isAgeFile(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, AGE_HEADER.length)).toString('latin1') === AGE_HEADER;
}

/** age's own scrypt work factor (log2 N) for passphrases: about a second of work per attempt, on purpose. */
export const SCRYPT_WORK_FACTOR = 18;

export async function encryptWithPassphrase(
  text: string,
  passphrase: string,
  workFactor = SCRYPT_WORK_FACTOR,
): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  encrypter.setPassphrase(passphrase);
  encrypter.setScryptWorkFactor(workFactor);
  return encrypter.encrypt(text);
}

/** WRONG_PASSPHRASE when it does not open the file; INVALID_FILE when the file is damaged or cut short. */
export async function decryptWithPassphrase(bytes: Uint8Array, passphrase: string): Promise<string> {
  const decrypter = new Decrypter();
  decrypter.addPassphrase(passphrase);
  try {
    return await decrypter.decrypt(bytes, 'text');
  } catch (error) {
    const message = (error as Error).message;
    if (/no identity matched/i.test(message)) {
      throw new AppError('WRONG_PASSPHRASE', 'The passphrase does not open this export.');
    }
    throw new AppError('INVALID_FILE', `This encrypted export is damaged or incomplete (${message}).`);
  }
}
