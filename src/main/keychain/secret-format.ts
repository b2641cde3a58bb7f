import { randomBytes } from 'node:crypto';
import { SECRET_PREFIX } from '../../shared/domain';

/** A fresh signing secret: whsec_ + base64 of 32 random bytes (usable by every supported signature scheme). */
export function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}
