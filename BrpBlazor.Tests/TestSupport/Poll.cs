namespace BrpBlazor.Tests.TestSupport;

/// <summary>Waiting for something the test cannot be told about (a count on the server, a file appearing).</summary>
public static class Poll
{
    /// <summary>Checks <paramref name="condition"/> every 50 ms; fails the test when it is still false after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < timeout, $"still not so after {timeout.TotalSeconds:0} s");
            await Task.Delay(50);
        }
    }
}
