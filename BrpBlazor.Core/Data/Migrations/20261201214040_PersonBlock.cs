using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrpBlazor.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class PersonBlock : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BlockedBy",
                table: "People",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BlockedReason",
                table: "People",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "BlockedUtc",
                table: "People",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BlockedBy",
                table: "People");

            migrationBuilder.DropColumn(
                name: "BlockedReason",
                table: "People");

            migrationBuilder.DropColumn(
                name: "BlockedUtc",
                table: "People");
        }
    }
}
