// electron-builder's afterPack hook (electron-builder.yml): flips the packaged Electron binary's fuses before
// it is signed, so the shipped app cannot be turned into a plain Node runtime or run code from outside its asar.
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';
import { Arch } from 'electron-builder';

/** The fuses of every packaged build: docs/ARCHITECTURE.md's "packaged build" row lists exactly these. */
export const PACKAGED_FUSES = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
};

/** The packaged Electron binary, named as electron-builder names it (its own fuse code does the same). */
function electronBinary({ appOutDir, electronPlatformName, packager }) {
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      return join(appOutDir, packager.executableName);
  }
}

/** @param {import('electron-builder').AfterPackContext} context */
export default async function afterPack(context) {
  await flipFuses(electronBinary(context), {
    version: FuseVersion.V1,
    // Flipping a fuse breaks the ad-hoc signature an arm64 Mac needs to start the app at all.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === Arch.arm64,
    ...PACKAGED_FUSES,
  });
}
