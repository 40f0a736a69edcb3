#!/usr/bin/env bash
# Installs BrpBlazor the way the README says (a self-contained `dotnet publish` with brpblazor.json beside it),
# starts it as Production, probes it, takes a backup while it serves, stops it with SIGTERM. Fails on any step.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "publish smoke: dotnet publish (self-contained, linux-x64)..."
dotnet publish BrpBlazor.App -c Release -r linux-x64 --self-contained -o "$work/app" -v q -nologo >"$work/publish.log" 2>&1 || { cat "$work/publish.log"; exit 1; }
mkdir -p "$work/data"
cat >"$work/app/brpblazor.json" <<JSON
{ "ConnectionStrings": { "Brp": "Data Source=$work/data/brp.db" }, "Brp": { "TempFolder": "$work/data/tmp" } }
JSON

port=$(( 20000 + RANDOM % 30000 ))
ASPNETCORE_URLS="http://127.0.0.1:$port" "$work/app/BrpBlazor.App" >"$work/app.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  curl -fsS "$base/healthz/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
[ "$(curl -fsS "$base/healthz/ready")" = "Healthy" ] || { echo "publish smoke: not ready"; cat "$work/app.log"; exit 1; }

# Production: plain HTTP goes to HTTPS; behind a TLS proxy the sign-in page and its static files are served.
code=$(curl -s -o /dev/null -w '%{http_code}' "$base/logga-in")
[ "$code" = "307" ] || { echo "publish smoke: plain HTTP gave $code, not 307"; exit 1; }
page=$(curl -fsS -H 'X-Forwarded-Proto: https' "$base/logga-in")
grep -q 'Logga in' <<<"$page" || { echo "publish smoke: no sign-in page"; exit 1; }
css=$(grep -o 'href="app\.[a-z0-9]*\.css"' <<<"$page" | head -1 | cut -d'"' -f2)
size=$(curl -fsS -H 'X-Forwarded-Proto: https' "$base/$css" | wc -c)
[ "$size" -gt 100 ] || { echo "publish smoke: $css is empty ($size bytes)"; exit 1; }

curl -fsS "$base/metrics" >"$work/metrics.txt"
grep -q brp_circuits_open "$work/metrics.txt" || { echo "publish smoke: no metrics"; exit 1; }

# A backup while it serves, with the same settings file.
(cd "$work/app" && ./BrpBlazor.App backup "$work/backup.db") || { echo "publish smoke: backup failed"; exit 1; }

kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
pid=""
[ "$rc" -eq 0 ] || { echo "publish smoke: stopped with $rc"; cat "$work/app.log"; exit 1; }
echo "publish smoke: published, ready, HTTPS enforced, static files served, backup taken, stopped cleanly"
