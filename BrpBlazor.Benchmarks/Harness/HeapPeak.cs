namespace BrpBlazor.Benchmarks.Harness;

/// <summary>
/// Samples the managed heap (<see cref="GC.GetTotalMemory(bool)"/> without collecting, so garbage not yet collected
/// counts too) about every millisecond on its own thread, and keeps the highest value seen.
/// </summary>
public sealed class HeapPeak : IDisposable
{
    private readonly Thread thread;
    private volatile bool stopping;
    private long peak;

    private HeapPeak()
    {
        peak = GC.GetTotalMemory(false);
        thread = new Thread(Run) { IsBackground = true, Name = "heap-peak", Priority = ThreadPriority.AboveNormal };
        thread.Start();
    }

    public long PeakBytes => Interlocked.Read(ref peak);

    /// <summary>Collects first, so the peak starts from what is live, then samples until disposed.</summary>
    public static HeapPeak Start()
    {
        FullCollection();
        return new HeapPeak();
    }

    public static void FullCollection()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    public void Dispose()
    {
        stopping = true;
        thread.Join();
        Sample();
    }

    private void Run()
    {
        while (!stopping)
        {
            Sample();
            Thread.Sleep(1);
        }
    }

    private void Sample()
    {
        var now = GC.GetTotalMemory(false);
        long seen;
        while (now > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
        {
        }
    }
}
