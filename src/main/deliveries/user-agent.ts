import { version } from '../../../package.json';

/** Sent with every test delivery, so receivers can tell them apart. */
export const USER_AGENT = `Hookwarden/${version}`;
