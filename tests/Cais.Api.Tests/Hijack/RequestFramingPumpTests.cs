using System.IO.Pipelines;
using System.Text;
using Cais.Api.Hijack;

namespace Cais.Api.Tests.Hijack;

public class RequestFramingPumpTests
{
    sealed class PumpRun
    {
        // Tiny segments, so lines and heads span several and released segments are reused at once.
        public readonly Pipe Source = new(new PipeOptions(minimumSegmentSize: 16, pauseWriterThreshold: 0));
        public readonly Pipe Sink = new();
        public readonly HijackConnectionFeature Feature = new();
        public readonly Task Pump;
        readonly Task<byte[]> collected;

        public PumpRun()
        {
            Pump = new RequestFramingPump(Source.Reader, Sink.Writer, Feature).RunAsync(CancellationToken.None);
            collected = CollectAsync(Sink.Reader);
        }

        public async Task SendAsync(string text, int chunk = int.MaxValue)
        {
            var bytes = Encoding.Latin1.GetBytes(text);
            for (int i = 0; i < bytes.Length; i += chunk)
            {
                await Source.Writer.WriteAsync(bytes.AsMemory(i, Math.Min(chunk, bytes.Length - i)));
            }
        }

        public async Task<string> FinishAsync()
        {
            await Source.Writer.CompleteAsync();
            await Pump.WaitAsync(TimeSpan.FromSeconds(10));
            return Encoding.Latin1.GetString(await collected.WaitAsync(TimeSpan.FromSeconds(10)));
        }

        public async Task WaitForUpgradeRequestAsync()
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Feature.PendingVerdict is null)
            {
                Assert.True(DateTime.UtcNow < deadline, "the pump never passed the upgrade request on");
                await Task.Delay(5);
            }
        }

        static async Task<byte[]> CollectAsync(PipeReader reader)
        {
            var all = new MemoryStream();
            while (true)
            {
                var result = await reader.ReadAsync();
                foreach (var segment in result.Buffer) all.Write(segment.Span);
                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted) return all.ToArray();
            }
        }
    }

    const string ExecStartHead = "POST /v1.47/exec/abc/start HTTP/1.1\r\nHost: api.moby.localhost\r\nUser-Agent: Docker-Client/28.2.2 (linux)\r\n" +
                                 "Content-Length: 34\r\nConnection: Upgrade\r\nContent-Type: application/json\r\nUpgrade: tcp\r\n\r\n";
    const string ExecStartBody = """{"Detach":false,"Tty":false,"a":1}""";

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    [InlineData(7)]
    public async Task PlainRequests_WithLengthAndChunkedBodies_PassThroughUnchanged(int chunk)
    {
        var run = new PumpRun();
        var input =
            "GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n" +
            "POST /images/load HTTP/1.1\r\nHost: d\r\nTransfer-Encoding: chunked\r\n\r\n" +
            "5;ext=1\r\nhello\r\n1a\r\n\r\n\r\nGET / HTTP/1.1\r\n\r\nxyz\r\n0\r\nTrailer: x\r\n\r\n" +
            "POST /images/create HTTP/1.1\r\nHost: d\r\nContent-Length: 20\r\n\r\nGET /x HTTP/1.1\r\n\r\n\r\n" +
            "GET /version HTTP/1.1\r\nHost: d\r\n\r\n";
        await run.SendAsync(input, chunk);
        Assert.Equal(input, await run.FinishAsync());
        Assert.Null(run.Feature.PendingVerdict);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    public async Task BareLineFeedHeads_AsDockerDotNetSendsThem_AreFollowed(int chunk)
    {
        // Docker.DotNet ends header lines with a bare LF; a body after such a head must still be
        // skipped, or it would be taken for the next head and the connection would stall.
        var run = new PumpRun();
        var input =
            "POST /v1.41/containers/create HTTP/1.1\r\nUser-Agent: Docker.DotNet\nHost: d:80\nContent-Length: 24\n\r\n" +
            "{\"Image\":\"x\\n\\n\\r\\n\"}xx" +
            "GET /version HTTP/1.1\nHost: d\n\n";
        await run.SendAsync(input, chunk);
        Assert.Equal(input, await run.FinishAsync());
    }

    [Fact]
    public void HeadLength_AcceptsCrlfAndBareLfEndings_AndWaitsForAnIncompleteHead()
    {
        static long? Length(string s) => RequestFramingPump.HeadLength(new System.Buffers.ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(s)));
        Assert.Equal(18, Length("GET / HTTP/1.1\r\n\r\nbody"));
        Assert.Equal(16, Length("GET / HTTP/1.1\n\nbody"));
        Assert.Equal(25, Length("GET / HTTP/1.1\nHost: x\n\r\nbody"));
        Assert.Null(Length("GET / HTTP/1.1\r\nHost: x\r\n"));
    }

    [Fact]
    public async Task LargeChunkedBody_ManySegmentsAndSmallWrites_PassesThroughUnchanged()
    {
        // What `docker load` sends: megabytes in chunks, arriving in pieces that split size lines.
        var run = new PumpRun();
        var body = new StringBuilder();
        var random = new Random(7);
        for (int i = 0; i < 300; i++)
        {
            var data = new string((char)('a' + i % 26), random.Next(1, 9000));
            body.Append($"{data.Length:x}\r\n{data}\r\n");
        }
        body.Append("0\r\n\r\n");
        var input = "POST /v1.47/images/load?quiet=1 HTTP/1.1\r\nHost: d\r\nTransfer-Encoding: chunked\r\n\r\n" + body +
                    "GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n";
        var send = run.SendAsync(input, chunk: 4093);
        await send;
        Assert.Equal(input, await run.FinishAsync());
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    public async Task UpgradeRequestWithBody_BodyGoesToTheFeatureAndTheHeadLosesContentLength(int chunk)
    {
        var run = new PumpRun();
        await run.SendAsync(ExecStartHead + ExecStartBody, chunk);
        await run.WaitForUpgradeRequestAsync();
        Assert.Equal(ExecStartBody, Encoding.UTF8.GetString(run.Feature.TakeUpgradeBody()!));
        Assert.Null(run.Feature.TakeUpgradeBody());
        run.Feature.MarkHijacked();
        // stdin that looks like a request must reach the stream as it is.
        const string stdin = "POST /x HTTP/1.1\r\nContent-Length: 99999999\r\nConnection: Upgrade\r\n\r\nrest";
        await run.SendAsync(stdin, chunk);
        var output = await run.FinishAsync();
        Assert.Equal(ExecStartHead.Replace("Content-Length: 34\r\n", "") + stdin, output);
    }

    [Fact]
    public async Task UpgradeRequest_NotHijacked_NextRequestIsParsedAgain()
    {
        var run = new PumpRun();
        await run.SendAsync(ExecStartHead + ExecStartBody);
        await run.WaitForUpgradeRequestAsync();
        run.Feature.UpgradeRequestFinished();
        await run.SendAsync(ExecStartHead + ExecStartBody);
        await run.WaitForUpgradeRequestAsync();
        Assert.Equal(ExecStartBody, Encoding.UTF8.GetString(run.Feature.TakeUpgradeBody()!));
        run.Feature.UpgradeRequestFinished();
        var output = await run.FinishAsync();
        var head = ExecStartHead.Replace("Content-Length: 34\r\n", "");
        Assert.Equal(head + head, output);
    }

    [Fact]
    public async Task UpgradeRequestWithoutBody_PassedOnAndWaitsForTheVerdict()
    {
        var run = new PumpRun();
        const string attach = "POST /containers/c/attach?stream=1&stdin=1 HTTP/1.1\r\nHost: d\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n";
        await run.SendAsync(attach + "early stdin");
        await run.WaitForUpgradeRequestAsync();
        Assert.Null(run.Feature.TakeUpgradeBody());
        run.Feature.MarkHijacked();
        Assert.Equal(attach + "early stdin", await run.FinishAsync());
    }

    [Fact]
    public async Task HeadLongerThanTheLimit_PassedThroughUnparsed()
    {
        var run = new PumpRun();
        var huge = "GET / HTTP/1.1\r\nX-Big: " + new string('a', RequestFramingPump.MaxHeadLength + 10) + "\r\n\r\n";
        await run.SendAsync(huge);
        Assert.Equal(huge, await run.FinishAsync());
    }

    [Fact]
    public async Task MalformedChunkSize_RestPassedThroughUnparsed()
    {
        var run = new PumpRun();
        var input = "POST /build HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nPOST /exec/x/start HTTP/1.1\r\nConnection: Upgrade\r\nContent-Length: 2\r\n\r\n{}";
        await run.SendAsync(input);
        Assert.Equal(input, await run.FinishAsync());
        Assert.Null(run.Feature.PendingVerdict);
    }

    [Fact]
    public void Head_ConnectionTokens_UpgradeFoundAmongOthers()
    {
        var head = HttpRequestHead.Parse(Encoding.Latin1.GetBytes("POST /x HTTP/1.1\r\nconnection: keep-alive, UPGRADE\r\ncontent-length: 5\r\n\r\n"))!;
        Assert.True(head.ConnectionUpgrade);
        Assert.Equal(5, head.ContentLength);
        Assert.Null(HttpRequestHead.Parse(Encoding.Latin1.GetBytes("nonsense\r\n\r\n")));
        Assert.Null(HttpRequestHead.Parse(Encoding.Latin1.GetBytes("GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")));
    }
}
