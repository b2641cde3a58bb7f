/** What every command gets: the global options, read once commander has parsed them. */
import type { Command } from 'commander';
import { dataDir } from './data-dir';
import { openProfile, type Profile, type ProfileOptions } from './profile';

export interface Context {
  json(): boolean;
  /** Opens the profile (config, keychain, log). */
  profile(options?: ProfileOptions): Profile;
}

export function contextOf(cli: Command): Context {
  const options = () => cli.opts<{ json?: boolean; dataDir?: string }>();
  return {
    json: () => options().json === true,
    profile: (profileOptions) => openProfile(dataDir(options().dataDir), profileOptions),
  };
}
