#!/usr/bin/env bash
# Until the first installation on PostgreSQL, its migrations are one Initial made from the whole model. This
# remakes it (after a model change merged with only its SQLite migration). After a release, use add-migration.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
migrations=BrpBlazor.Core/Data/Migrations
rm -f "$migrations"/PostgreSql/*.cs
hidden="$(mktemp)"
mv "$migrations/BrpDbContextModelSnapshot.cs" "$hidden"
trap 'mv "$hidden" "$migrations/BrpDbContextModelSnapshot.cs"' EXIT
dotnet ef migrations add Initial --project BrpBlazor.Core --startup-project BrpBlazor.App \
  -o Data/Migrations/PostgreSql --namespace BrpBlazor.Core.Data.Migrations.PostgreSql -- --provider PostgreSql
# With no snapshot to find, dotnet ef writes the new one under a folder named after its namespace.
stray=BrpBlazor.Core/BrpBlazor/Core/Data/Migrations/PostgreSql/BrpDbContextModelSnapshot.cs
if [ -f "$stray" ]; then mv "$stray" "$migrations/PostgreSql/"; rm -rf BrpBlazor.Core/BrpBlazor; fi
