using CsCheck;

namespace ChatStreams.Tests.Framing;

/// <summary>The size tracking under the SSE parser: measuring only the tail of a read must agree with walking every line.</summary>
public class LimitedSseStreamTests
{
    private static readonly FramingLimits s_unlimited = new(int.MaxValue, int.MaxValue);

    /// <summary>Bodies of short lines with every line ending (LF, CR, CRLF) and blank lines, cut into random reads.</summary>
    private static readonly Gen<byte[][]> s_reads =
        Gen.Int[0, 5].Array[1, 80].Select(Gen.Int[1, 12].Array[1, 30], (symbols, cuts) =>
        {
            byte[] body = [.. symbols.SelectMany(s => s switch
            {
                0 => "\n"u8.ToArray(),
                1 => "\r"u8.ToArray(),
                2 => "\r\n"u8.ToArray(),
                _ => "data:"u8[..s].ToArray(),
            })];
            var reads = new List<byte[]>();
            for (int at = 0, i = 0; at < body.Length; i++)
            {
                int length = Math.Min(cuts[i % cuts.Length], body.Length - at);
                reads.Add(body[at..(at + length)]);
                at += length;
            }

            return reads.ToArray();
        });

    [Fact]
    public void MeasureTail_AgreesWithEveryLine_OnAnyBodyAndAnyCuts()
    {
        s_reads.Sample(
            reads =>
            {
                using var everyLine = new LimitedSseStream(Stream.Null, s_unlimited);
                using var tail = new LimitedSseStream(Stream.Null, s_unlimited);
                foreach (byte[] read in reads)
                {
                    everyLine.InspectEveryLine(read);
                    tail.MeasureTail(read);
                    Assert.Equal((everyLine.LineLength, everyLine.EventLength), (tail.LineLength, tail.EventLength));
                }
            },
            iter: 3000);
    }

    [Theory]
    [InlineData("data: abc\n\ndata: de", 8, 8)] // a blank line ends the event
    [InlineData("data: a\r\ndata: b\r\n", 0, 14)] // CRLF lines of one event
    [InlineData("x\r", 0, 1)]
    [InlineData("a\n\r\nbc", 2, 2)] // LF then CRLF: a blank line
    public void MeasureTail_KnownBodies(string body, long line, long eventLength)
    {
        using var stream = new LimitedSseStream(Stream.Null, s_unlimited);
        stream.MeasureTail(System.Text.Encoding.UTF8.GetBytes(body));
        Assert.Equal((line, eventLength), (stream.LineLength, stream.EventLength));
    }
}
