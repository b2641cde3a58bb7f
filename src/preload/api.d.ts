import type { HookwardenApi } from '../shared/contract';

declare global {
  interface Window {
    hookwarden: HookwardenApi;
  }
}
