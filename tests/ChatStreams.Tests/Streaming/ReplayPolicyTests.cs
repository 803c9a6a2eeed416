namespace ChatStreams.Tests.Streaming;

public class ReplayPolicyTests
{
    [Fact]
    public async Task Full_IsTheDefault_LateConsumersReplayEverything()
    {
        var stream = new ChatModelStream();
        for (int i = 0; i < 5_000; i++)
        {
            stream.Dispatch(Ev.Text(0, "x"));
        }

        stream.Dispatch(Ev.End());

        Assert.Same(ReplayPolicy.Full, stream.Replay);
        Assert.Equal(5_000, (await stream.Text.CollectAsync()).Count);
    }

    [Fact]
    public async Task Bounded_AConsumerThatKeepsUp_SeesEverything_AndMemoryStaysBounded()
    {
        var stream = new ChatModelStream(ReplayPolicy.Bounded(100));
        int seen = 0;
        await using IAsyncEnumerator<string> consumer = stream.Text.GetAsyncEnumerator();
        for (int i = 0; i < 50_000; i++)
        {
            stream.Dispatch(Ev.Text(0, "y"));
            Assert.True(await consumer.MoveNextAsync());
            seen++;
        }

        stream.Dispatch(Ev.End());

        Assert.False(await consumer.MoveNextAsync());
        Assert.Equal(50_000, seen);
        Assert.InRange(stream.RetainedTextItems, 100, 100 + 1024);
        Assert.Equal(50_000, (await stream.Text.Within()).Length);
    }

    [Fact]
    public async Task Bounded_ALateConsumer_FailsClearly_InsteadOfSkipping_WhileFinalValuesStayComplete()
    {
        var stream = new ChatModelStream(ReplayPolicy.Bounded(10));
        for (int i = 0; i < 3_000; i++)
        {
            stream.Dispatch(Ev.Text(0, "z"));
        }

        stream.Dispatch(Ev.End());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => stream.Text.ToListAsync());
        Assert.Contains("ReplayPolicy.Bounded", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => stream.ToListAsync());
        Assert.Equal(new string('z', 3_000), await stream.Text.Within());
        Assert.Equal(3_000, (await stream.GetMessageWithin()).Text.Length);
        Assert.Null(stream.Error);
    }

    [Fact]
    public async Task ModelReplayPolicy_AppliesToItsStreams()
    {
        var model = new ScriptedChatModel(ScriptedTurn.FromText("bounded answer")) { Replay = ReplayPolicy.Bounded(5) };

        await using ChatModelStream stream = model.Stream(Prompt.Hi);

        Assert.Equal(5, stream.Replay.MaxRetainedItems);
        Assert.Equal("bounded answer", (await stream.GetMessageWithin()).Text);
    }

    [Fact]
    public void Bounded_RejectsANonPositiveBound()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplayPolicy.Bounded(0));
    }
}
