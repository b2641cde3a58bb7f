#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a fresh, unlocked gnome-keyring of its own,
# so tests use the real Secret Service API without ever touching the user's keyring.
set -euo pipefail
scratch=$(mktemp -d -t hookwarden-keyring-XXXXXX)
trap 'rm -rf "$scratch"' EXIT
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run" XDG_CONFIG_HOME="$scratch/config"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME"
chmod 700 "$XDG_RUNTIME_DIR"
exec dbus-run-session -- bash -c '
  printf "hookwarden-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"' keyring "$@" 2> >(grep -v "Failed to set fd limit" >&2)
