using BrpBlazor.App.Infrastructure.Mail;
using BrpBlazor.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BrpBlazor.Tests.Demo;

/// <summary>Demo mode never sends e-mail: the outbox sender is not even started (docs/decisions/121).</summary>
[Collection(DemoCollection.Name)]
public sealed class DemoOutboxTests(DemoFixture demo)
{
    [Fact]
    public void DemoMode_HasNoOutboxSender()
    {
        var hosted = demo.App.Services.GetServices<IHostedService>().ToList();

        Assert.NotEmpty(hosted);
        Assert.DoesNotContain(hosted, h => h is OutboxBackgroundSender);
    }

    [Fact]
    public void RealMode_RunsTheOutboxSender()
    {
        using var app = new AppFactory();
        app.Start();

        Assert.Contains(app.Services.GetServices<IHostedService>(), h => h is OutboxBackgroundSender);
    }
}
