using BrpBlazor.Core.Application.Common;

namespace BrpBlazor.Tests.TestSupport;

/// <summary>The test process's private spool folder for uploads, as the app has its App_Data/tmp.</summary>
public static class TestSpool
{
    public static PrivateTempFolder Folder { get; } = new(Path.Combine(Path.GetTempPath(), $"brp-test-spool-{Environment.ProcessId}"));
}
