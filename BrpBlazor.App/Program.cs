using System.Globalization;
using System.Text;
using BrpBlazor.App.Infrastructure;

// Windows-1252 (what Excel writes) for pre-order files.
Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
CultureInfo.DefaultThreadCurrentCulture = AppServices.Swedish;
CultureInfo.DefaultThreadCurrentUICulture = AppServices.Swedish;

var builder = WebApplication.CreateBuilder(DemoArguments.Expand(args));
builder.AddBrpApp();

var app = builder.Build();
await app.InitialiseDatabaseAsync();
app.UseBrpPipeline();
await app.RunAsync();

/// <summary>The entry point; public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
