using Npgsql;

namespace BrpBlazor.Benchmarks.Harness;

/// <summary>Statements the PostgreSQL benchmarks send outside the app: creating and dropping their databases, VACUUM.</summary>
public static class BenchPostgres
{
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }
}
