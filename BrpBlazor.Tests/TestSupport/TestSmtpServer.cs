using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace BrpBlazor.Tests.TestSupport;

/// <summary>What the front of <see cref="TestSmtpServer"/> does to the next connection.</summary>
public enum SmtpFault
{
    /// <summary>Passes the conversation through to the real server.</summary>
    None,

    /// <summary>Accepts the connection and never says a word: the client times out.</summary>
    Silent,

    /// <summary>Passes through until the message data has begun, then closes the connection mid-message.</summary>
    DropInData,
}

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1, behind a small TCP front that can misbehave on
/// chosen connections. The server itself can refuse chosen messages (4xx or 5xx). Every message it accepts is kept,
/// parsed by MimeKit, with its raw bytes.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer server;
    private readonly Task serverTask;
    private readonly TcpListener front;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<SmtpFault> faults = new();
    private readonly ConcurrentQueue<SmtpReplyCode> refusals = new();
    private readonly int innerPort;
    private readonly Task frontTask;

    private TestSmtpServer(int port)
    {
        innerPort = AppProcess.FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, innerPort))).Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        server = new SmtpServer.SmtpServer(options, services);
        serverTask = server.StartAsync(stop.Token);
        front = new TcpListener(IPAddress.Loopback, port);
        front.Start();
        Port = ((IPEndPoint)front.LocalEndpoint).Port;
        frontTask = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public ConcurrentQueue<Received> Messages { get; } = new();

    /// <summary>Connections the front has taken, faulty ones included.</summary>
    public int Connections => connections;

    /// <summary>While set, the server waits before answering each message's data (and keeps it only if the gate says so).</summary>
    public Func<Task<bool>>? BeforeAccepting { get; set; }

    private int connections;

    public static TestSmtpServer Start(int port = 0) => new(port);

    /// <summary>The next connections misbehave in this order; after them, connections pass through.</summary>
    public void FailNextConnections(params SmtpFault[] next)
    {
        foreach (var fault in next)
        {
            faults.Enqueue(fault);
        }
    }

    /// <summary>The next messages are refused with these reply codes, in this order.</summary>
    public void RefuseNextMessages(params SmtpReplyCode[] codes)
    {
        foreach (var code in codes)
        {
            refusals.Enqueue(code);
        }
    }

    public async Task WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (Messages.Count < count)
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Expected {count} messages, got {Messages.Count}.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        front.Stop();
        server.Shutdown();
        try
        {
            await Task.WhenAll(serverTask, frontTask).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or TimeoutException)
        {
            // Stopped.
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await front.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref connections);
            var fault = faults.TryDequeue(out var f) ? f : SmtpFault.None;
            _ = Task.Run(() => ServeAsync(client, fault));
        }
    }

    private async Task ServeAsync(TcpClient client, SmtpFault fault)
    {
        using (client)
        {
            if (fault == SmtpFault.Silent)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            using var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, innerPort);
            var clientStream = client.GetStream();
            var serverStream = upstream.GetStream();
            using var drop = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            var down = PipeAsync(serverStream, clientStream, null, drop);
            var up = PipeAsync(clientStream, serverStream, fault == SmtpFault.DropInData ? "\r\nDATA\r\n" : null, drop);
            await Task.WhenAny(down, up);
            await drop.CancelAsync();
        }
    }

    /// <summary>Copies bytes; when <paramref name="cutAfter"/> has been seen and some of the data after it, stops (the caller closes both).</summary>
    private static async Task PipeAsync(NetworkStream from, NetworkStream to, string? cutAfter, CancellationTokenSource drop)
    {
        var buffer = new byte[4096];
        var seen = new StringBuilder();
        var dataBytes = -1;
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, drop.Token);
                if (read == 0)
                {
                    return;
                }

                if (cutAfter is not null)
                {
                    if (dataBytes < 0)
                    {
                        seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
                        var at = seen.ToString().IndexOf(cutAfter, StringComparison.Ordinal);
                        if (at >= 0)
                        {
                            dataBytes = seen.Length - (at + cutAfter.Length);
                        }
                    }
                    else
                    {
                        dataBytes += read;
                    }

                    if (dataBytes > 20)
                    {
                        // Part of the message went out; the connection dies before its end.
                        await to.WriteAsync(buffer.AsMemory(0, Math.Min(read, 20)), drop.Token);
                        return;
                    }
                }

                await to.WriteAsync(buffer.AsMemory(0, read), drop.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The other side went away.
        }
    }

    public sealed record Received(MimeMessage Message, byte[] Raw)
    {
        public string RawText => Encoding.ASCII.GetString(Raw);
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var raw = buffer.ToArray();
            if (owner.refusals.TryDequeue(out var code))
            {
                return new SmtpResponse(code, "Refused by the test");
            }

            if (owner.BeforeAccepting is { } gate && !await gate())
            {
                return new SmtpResponse(SmtpReplyCode.TransactionFailed, "Not kept by the test");
            }

            using var stream = new MemoryStream(raw);
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            owner.Messages.Enqueue(new Received(message, raw));
            return SmtpResponse.Ok;
        }
    }
}
