using System.Globalization;
using System.Text;
using BrpBlazor.App.Infrastructure;
using BrpBlazor.App.Infrastructure.Operations;

// Windows-1252 (what Excel writes) for pre-order files.
Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
CultureInfo.DefaultThreadCurrentCulture = AppServices.Swedish;
CultureInfo.DefaultThreadCurrentUICulture = AppServices.Swedish;

// `backup FILE` and `restore FILE` work on the configured database and exit (decision 092).
if (DatabaseCommands.IsCommand(args))
{
    return await DatabaseCommands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(AppServices.Options(DemoArguments.Expand(args)));
builder.AddBrpApp();

var app = builder.Build();

// A bad setting stops the start with one line, before anything opens the database (decision 090).
if ((StartupCheck.Failure(app.Services) ?? app.LockDatabase()) is { } failure)
{
    await Console.Error.WriteLineAsync(failure);
    return StartupCheck.ConfigurationError;
}

await app.InitialiseDatabaseAsync();
app.UseBrpPipeline();
await app.RunAsync();
return 0;

/// <summary>The entry point; public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
