#!/usr/bin/env bash
# Installs what the tests need that NuGet does not bring, each only when it is missing: Debian's chromium for the
# browser journeys (Playwright never downloads a browser here), postgresql for the tests on PostgreSQL, and nginx
# for the two-server journey behind a reverse proxy.
set -uo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
ls -d /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx-light)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing Debian's ${missing[*]} for the tests (a minute or two)..."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null || {
  echo "Could not install ${missing[*]}: the tests need /usr/bin/chromium, PostgreSQL's server and nginx" >&2
  exit 1
}
# Debian starts the packaged services; the tests run their own throwaway ones.
for service in postgresql nginx; do
  if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl stop "$service" >/dev/null 2>&1 || true; fi
  $SUDO service "$service" stop >/dev/null 2>&1 || true
done
exit 0
