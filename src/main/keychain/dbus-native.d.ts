/** What the package's own typings leave out: the session bus, opened on a socket of our choosing. */
import type { MessageBus } from '@homebridge/dbus-native';

declare module '@homebridge/dbus-native' {
  export function sessionBus(options: { socket: string }): MessageBus;
}
