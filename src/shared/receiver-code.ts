/** "Receiver code": the languages offered and what a snippet is, shared by main and the UI. */
import { z } from 'zod/mini';
import type { SecretRole } from './rotation';

/** The environment variables receiver code reads the secrets from. */
export const SECRET_ENV = 'HOOKWARDEN_SECRET';
export const PREVIOUS_SECRET_ENV = 'HOOKWARDEN_PREVIOUS_SECRET';

export const RECEIVER_LANGUAGES = [
  'node-express',
  'node-nextjs',
  'python-flask',
  'python-fastapi',
  'go',
  'php',
  'ruby-sinatra',
] as const;
export type ReceiverLanguage = (typeof RECEIVER_LANGUAGES)[number];

export const RECEIVER_LANGUAGE_LABELS: Record<ReceiverLanguage, string> = {
  'node-express': 'Node.js (Express)',
  'node-nextjs': 'Node.js (Next.js)',
  'python-flask': 'Python (Flask)',
  'python-fastapi': 'Python (FastAPI)',
  go: 'Go (net/http)',
  php: 'PHP',
  'ruby-sinatra': 'Ruby (Sinatra)',
};

export interface ReceiverCode {
  language: ReceiverLanguage;
  label: string;
  /** Where the code goes, e.g. `server.mjs`, `app/webhooks/route.ts`. */
  filename: string;
  code: string;
  /** How to install and run it: one or two shell lines (the secret comes from `.env`, never from here). */
  run: string;
}

export interface ReceiverEnvVar {
  name: typeof SECRET_ENV | typeof PREVIOUS_SECRET_ENV;
  /** The webhook's secret that goes in it. */
  role: SecretRole;
}

export const receiverLanguageSchema = z.enum(RECEIVER_LANGUAGES);
