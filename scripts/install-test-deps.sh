#!/usr/bin/env bash
# Installs what the tests need that NuGet does not bring: Debian's Chromium for the browser journeys
# (Playwright never downloads a browser here). Does nothing when it is already installed.
set -uo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi

echo "Chromium is missing: installing Debian's chromium (about a minute)..."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null || {
  echo "Could not install chromium: the browser journeys need /usr/bin/chromium" >&2
  exit 1
}
