using System.Net;
using BrpBlazor.App.Infrastructure.Demo;
using BrpBlazor.Core.Data;
using Microsoft.Data.Sqlite;
using Npgsql;
using Microsoft.Extensions.Options;

namespace BrpBlazor.App.Infrastructure.Operations;

/// <summary>
/// Settings are checked before anything opens the database: a missing connection string, a folder the app may not
/// write or a setting out of range stops the start with one line saying which setting and why (decision 090).
/// </summary>
public sealed class BrpSettingsValidator(IConfiguration configuration, IHostEnvironment environment) : IValidateOptions<BrpSettings>
{
    public ValidateOptionsResult Validate(string? name, BrpSettings options)
    {
        var errors = new List<string>();
        Range(errors, "Brp:MaxImportFileMegabytes", options.MaxImportFileMegabytes, 1, 1024);
        Range(errors, "Brp:MaxMonthsLeftOnPrivate", options.MaxMonthsLeftOnPrivate, 0, 120);
        Range(errors, "Brp:SignInAttemptsPerMinute", options.SignInAttemptsPerMinute, 1, 100_000);
        Range(errors, "Brp:HttpsPort", options.HttpsPort, 1, 65535);
        Range(errors, StaffSessionRevalidation.Setting, configuration.GetValue<int?>(StaffSessionRevalidation.Setting) ?? 60, 0, 86_400);
        if (!(options.IdleCircuitMinutes >= 0 && options.IdleCircuitMinutes <= 24 * 60))
        {
            errors.Add($"Brp:IdleCircuitMinutes is {options.IdleCircuitMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)}; it must be between 0 (never pause) and 1440");
        }

        foreach (var proxy in options.KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            errors.Add($"Brp:KnownProxies: '{proxy}' is not an IP address");
        }

        Writable(errors, "Brp:TempFolder", AppServices.SpoolFolderOf(configuration, environment));
        var demo = configuration.GetValue<bool>("Demo:Enabled");
        if (demo)
        {
            Writable(errors, "Demo:Folder", DemoMode.FolderOf(configuration, environment.ContentRootPath));
        }
        else if (DatabaseLocation.Problem(configuration, environment) is { } problem)
        {
            errors.Add(problem);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static void Writable(List<string> errors, string setting, string folder)
    {
        if (DatabaseLocation.WritableProblem(folder) is { } problem)
        {
            errors.Add($"{setting}: {problem}");
        }
    }

    private static void Range(List<string> errors, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{setting} is {value}; it must be between {min} and {max}");
        }
    }
}

/// <summary>
/// Where the real database is: <c>Brp:Database:Provider</c> (Sqlite, the default, or PostgreSql) and
/// <c>ConnectionStrings:Brp</c>, or App_Data/brp.db in Development on SQLite.
/// </summary>
public static class DatabaseLocation
{
    public const string ProviderSetting = "Brp:Database:Provider";

    /// <summary>The configured provider; an unknown name is caught by <see cref="Problem"/> before this is asked.</summary>
    public static DatabaseProvider Provider(IConfiguration configuration) =>
        DatabaseProviders.Parse(configuration[ProviderSetting]) ?? DatabaseProvider.Sqlite;

    public static string ConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString("Brp");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (Provider(configuration) == DatabaseProvider.PostgreSql)
        {
            throw new InvalidOperationException("ConnectionStrings:Brp is not set for PostgreSQL.");
        }

        var dataFolder = Path.Combine(environment.ContentRootPath, "App_Data");
        Directory.CreateDirectory(dataFolder);
        return $"Data Source={Path.Combine(dataFolder, "brp.db")}";
    }

    /// <summary>The SQLite file of a SQLite connection string.</summary>
    public static string SqliteFile(string connectionString) => Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);

    /// <summary>Why the database cannot be used as configured, or null.</summary>
    public static string? Problem(IConfiguration configuration, IHostEnvironment environment)
    {
        if (DatabaseProviders.Parse(configuration[ProviderSetting]) is not { } provider)
        {
            return $"{ProviderSetting} is '{configuration[ProviderSetting]}'; it must be Sqlite or PostgreSql";
        }

        var configured = configuration.GetConnectionString("Brp");
        if (provider == DatabaseProvider.PostgreSql)
        {
            return PostgreSqlProblem(configured);
        }

        if (string.IsNullOrWhiteSpace(configured))
        {
            return environment.IsDevelopment()
                ? null
                : "ConnectionStrings:Brp is not set; an installation names its database, for example \"Data Source=/var/lib/brpblazor/brp.db\"";
        }

        SqliteConnectionStringBuilder parsed;
        try
        {
            parsed = new SqliteConnectionStringBuilder(configured);
        }
        catch (ArgumentException e)
        {
            return $"ConnectionStrings:Brp cannot be read: {e.Message}";
        }

        if (string.IsNullOrWhiteSpace(parsed.DataSource) || parsed.DataSource == ":memory:")
        {
            return "ConnectionStrings:Brp has no Data Source file";
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(parsed.DataSource))!;
        return WritableProblem(folder) is { } problem ? $"ConnectionStrings:Brp: {problem}" : null;
    }

    private static string? PostgreSqlProblem(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return "ConnectionStrings:Brp is not set; PostgreSQL needs one, for example \"Host=db1;Database=brp;Username=brp;Password=...\"";
        }

        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(configured);
            return string.IsNullOrWhiteSpace(parsed.Host) ? "ConnectionStrings:Brp has no Host"
                : string.IsNullOrWhiteSpace(parsed.Database) ? "ConnectionStrings:Brp has no Database"
                : null;
        }
        catch (ArgumentException)
        {
            // Npgsql's message may quote the string, password and all: name the setting only.
            return "ConnectionStrings:Brp cannot be read as a PostgreSQL connection string";
        }
    }

    /// <summary>Why the app cannot create files in <paramref name="folder"/>, or null.</summary>
    public static string? WritableProblem(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".brp-write-check-{Environment.ProcessId}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return $"the folder {folder} cannot be written by this user ({e.GetType().Name})";
        }
    }
}

/// <summary>Runs the checks, and on failure prints one line and gives the exit code.</summary>
public static class StartupCheck
{
    public const int ConfigurationError = 2;

    /// <summary>Null when the app may start; otherwise the single line that says why not.</summary>
    public static string? Failure(IServiceProvider services)
    {
        try
        {
            _ = services.GetRequiredService<IOptions<BrpSettings>>().Value;
            return null;
        }
        catch (OptionsValidationException e)
        {
            return "BrpBlazor cannot start: " + string.Join("; ", e.Failures);
        }
    }
}
