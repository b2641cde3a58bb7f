/** The id and time formats every stored record uses. */
import { z } from 'zod/mini';

export const idSchema = z.uuid();
export const isoTimeSchema = z.iso.datetime();
