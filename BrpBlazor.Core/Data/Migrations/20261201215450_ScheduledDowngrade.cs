using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrpBlazor.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScheduledDowngrade : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ScheduledBy",
                table: "Subscriptions",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ScheduledFrom",
                table: "Subscriptions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ScheduledMonthlyPrice",
                table: "Subscriptions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ScheduledProductId",
                table: "Subscriptions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ScheduledProductName",
                table: "Subscriptions",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ScheduledUtc",
                table: "Subscriptions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AllowsDowngradeDuringBinding",
                table: "Products",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ScheduledBy",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "ScheduledFrom",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "ScheduledMonthlyPrice",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "ScheduledProductId",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "ScheduledProductName",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "ScheduledUtc",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "AllowsDowngradeDuringBinding",
                table: "Products");
        }
    }
}
