#!/usr/bin/env bash
# Installs what the tests need (Debian's Chromium for the browser journeys) when it is missing,
# then runs every test and ends with one line: "N passed, M failed, K skipped".
# The README's test command and .ci/run both call this script.
set -uo pipefail
cd "$(dirname "$0")/.."

./scripts/install-test-deps.sh || exit 1

log="$(mktemp)"
dotnet test BrpBlazor.sln --blame-hang-timeout 180s --blame-hang-dump-type none "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

awk '/^(Passed|Failed)! +- Failed:/{gsub(",","");for(i=1;i<=NF;i++){if($i=="Failed:")f+=$(i+1);if($i=="Passed:")p+=$(i+1);if($i=="Skipped:")s+=$(i+1)}}
     /Test Run Aborted/{f++}
     END{ if (s>0) printf "%d passed, %d failed, %d skipped\n",p,f,s; else printf "%d passed, %d failed\n",p,f }' "$log"
rm -f "$log"
exit $rc
