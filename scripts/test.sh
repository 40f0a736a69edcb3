#!/usr/bin/env bash
# Installs what the tests need (Debian's chromium, postgresql and nginx) when it is missing, starts a throwaway
# PostgreSQL cluster, runs every test on the embedded SQLite, then the database tests (data, application,
# concurrency, and the journeys marked for it) a second time on PostgreSQL, stops the cluster, and ends with one
# line: "N passed, M failed, K skipped". The README's test command and .ci/run both call this script.
# Extra arguments go to both `dotnet test` runs (for example --filter).
set -uo pipefail
cd "$(dirname "$0")/.."

./scripts/install-test-deps.sh || exit 1

cluster="$(./scripts/postgres-test-cluster.sh start)" || { echo "Could not start the PostgreSQL test cluster." >&2; echo "0 passed, 1 failed"; exit 1; }
eval "$cluster"
trap './scripts/postgres-test-cluster.sh stop "$BRP_TEST_POSTGRES_DIR"' EXIT

log="$(mktemp)"
dotnet build BrpBlazor.sln -v q 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
if [ "$rc" -eq 0 ]; then
  # 1. Everything on SQLite (the tests that are about PostgreSQL itself use the cluster here too).
  BRP_TEST_DATABASE=Sqlite dotnet test BrpBlazor.sln --no-build --blame-hang-timeout 180s --blame-hang-dump-type none "$@" 2>&1 | tee -a "$log"
  rc=${PIPESTATUS[0]}

  # 2. What touches the database, again on PostgreSQL.
  onBoth='FullyQualifiedName~BrpBlazor.Tests.Data.|FullyQualifiedName~BrpBlazor.Tests.Application.|FullyQualifiedName~BrpBlazor.Tests.Security.RaceTests|FullyQualifiedName~BrpBlazor.Tests.Security.ConcurrencyTests|FullyQualifiedName~BrpBlazor.Tests.Security.CoreReadRightsTests|FullyQualifiedName~BrpBlazor.Tests.Security.DeskRulesRightsTests|FullyQualifiedName~BrpBlazor.Tests.Security.PreOrderSteppingAttackTests|FullyQualifiedName~BrpBlazor.Tests.Security.ImportBoundsTests|Database=AlsoPostgreSql'
  if [ $# -gt 0 ]; then selection=("$@"); else selection=(--filter "($onBoth)&Database!=SqliteOnly"); fi
  BRP_TEST_DATABASE=PostgreSql dotnet test BrpBlazor.Tests --no-build --blame-hang-timeout 180s --blame-hang-dump-type none \
    "${selection[@]}" 2>&1 | tee -a "$log"
  second=${PIPESTATUS[0]}
  [ "$rc" -eq 0 ] && rc=$second
fi

awk '/^(Passed|Failed)! +- Failed:/{gsub(",","");for(i=1;i<=NF;i++){if($i=="Failed:")f+=$(i+1);if($i=="Passed:")p+=$(i+1);if($i=="Skipped:")s+=$(i+1)}}
     /Test Run Aborted/{f++}
     / error [A-Z]+[0-9]+:/{b=1}
     END{ if (b && p+f==0) f=1; if (s>0) printf "%d passed, %d failed, %d skipped\n",p,f,s; else printf "%d passed, %d failed\n",p,f }' "$log"
rm -f "$log"
exit $rc
