#!/usr/bin/env bash
# Adds a migration NAME for both databases: SQLite's in BrpBlazor.Core/Data/Migrations, PostgreSQL's in
# BrpBlazor.Core/Data/Migrations/PostgreSql. Both snapshots are called BrpDbContextModelSnapshot.cs, and
# `dotnet ef` rewrites the first file of that name it finds, so each run hides the other provider's snapshot.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/add-migration.sh MigrationName}"
migrations=BrpBlazor.Core/Data/Migrations
hidden="$(mktemp -d)"

hide() { cp "$1" "$hidden/$(basename "$1").$2"; echo "$1" > "$hidden/$(basename "$1").$2.where"; rm "$1"; }
unhide() { mv "$hidden/$(basename "$1").$2" "$1"; rm -f "$hidden/$(basename "$1").$2.where"; }

hide "$migrations/PostgreSql/BrpDbContextModelSnapshot.cs" pg
dotnet ef migrations add "$name" --project BrpBlazor.Core --startup-project BrpBlazor.App || { unhide "$migrations/PostgreSql/BrpDbContextModelSnapshot.cs" pg; exit 1; }
unhide "$migrations/PostgreSql/BrpDbContextModelSnapshot.cs" pg

hide "$migrations/BrpDbContextModelSnapshot.cs" sqlite
dotnet ef migrations add "$name" --project BrpBlazor.Core --startup-project BrpBlazor.App \
  -o Data/Migrations/PostgreSql --namespace BrpBlazor.Core.Data.Migrations.PostgreSql -- --provider PostgreSql \
  || { unhide "$migrations/BrpDbContextModelSnapshot.cs" sqlite; exit 1; }
unhide "$migrations/BrpDbContextModelSnapshot.cs" sqlite
rmdir "$hidden" 2>/dev/null || true
echo "Added $name for SQLite and PostgreSQL."
