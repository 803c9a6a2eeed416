namespace ChatStreams.Tests.Streaming;

public class ItemLogTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(5000)]
    public void Append_AcrossSegments_EveryItemReadsBack(int count)
    {
        var log = new ItemLog<int>(new WakeList());

        for (int i = 0; i < count; i++)
        {
            log.Append(i);
        }

        Assert.Equal(count, log.Count);
        for (int i = 0; i < count; i++)
        {
            Assert.True(log.TryGet(i, out int item));
            Assert.Equal(i, item);
        }

        Assert.False(log.TryGet(count, out _));
    }

    [Fact]
    public async Task LongStream_ReaderRacingWriter_SeesEveryItemInOrder()
    {
        var stream = new ChatModelStream();
        Task<List<string>> reader = Task.Run(() => stream.Text.ToListAsync());
        Task writer = Task.Run(() =>
        {
            for (int i = 0; i < 20_000; i++)
            {
                stream.Dispatch(Ev.Text(0, i.ToString()));
            }

            stream.Dispatch(Ev.End());
        });

        await writer.Within();
        List<string> seen = await reader.Within();
        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => i.ToString()), seen);
    }
}
