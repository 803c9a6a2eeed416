using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;

namespace ChatStreams.Tests.Models;

/// <summary>
/// Spans and metrics, captured with listeners. Each test asks for a unique model id, so spans and measurements
/// of tests running in parallel are told apart by it.
/// </summary>
public sealed class ChatModelTelemetryTests : IDisposable
{
    private readonly string _model = "m-" + Guid.NewGuid().ToString("N");
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentQueue<(string Name, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener;

    public ChatModelTelemetryTests()
    {
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ChatStreamsTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.DisplayName.EndsWith(_model, StringComparison.Ordinal))
                {
                    _spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activityListener);
        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ChatStreamsTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meterListener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        _meterListener.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        _meterListener.Start();
    }

    public void Dispose()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, object?>();
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            map[tag.Key] = tag.Value;
        }

        if (Equals(map.GetValueOrDefault("gen_ai.request.model"), _model))
        {
            _measurements.Enqueue((instrument.Name, value, map));
        }
    }

    private ChatOptions Options => new() { ModelId = _model, MaxOutputTokens = 64, Temperature = 0.25f };

    [Fact]
    public async Task SuccessfulRun_OneSpanWithGenAiAttributes_AndMetrics()
    {
        DelegateChatModel model = DelegateChatModel.FromEvents(
            Ev.Start("resp_7", "test", "served-model"), Ev.Text(0, "ok"), Ev.End("stop", new UsageInfo(11, 4, 15)));

        await model.InvokeAsync(Prompt.Hi, Options).Within();

        Activity span = Assert.Single(_spans);
        Assert.Equal($"chat {_model}", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("test", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal(_model, span.GetTagItem("gen_ai.request.model"));
        Assert.Equal("served-model", span.GetTagItem("gen_ai.response.model"));
        Assert.Equal("resp_7", span.GetTagItem("gen_ai.response.id"));
        Assert.Equal(new[] { "stop" }, span.GetTagItem("gen_ai.response.finish_reasons"));
        Assert.Equal(11, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(4, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(64, span.GetTagItem("gen_ai.request.max_tokens"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Null(span.GetTagItem("gen_ai.input.messages"));

        Assert.Single(_measurements, m => m.Name == "gen_ai.client.operation.duration");
        Assert.Single(_measurements, m => m.Name == "gen_ai.client.operation.time_to_first_chunk");
        Assert.Equal(
            [("input", 11.0), ("output", 4.0)],
            _measurements.Where(m => m.Name == "gen_ai.client.token.usage").Select(m => ((string)m.Tags["gen_ai.token.type"]!, m.Value)).OrderBy(x => x.Item1));
    }

    [Fact]
    public async Task FailedRun_SpanHasErrorStatusAndType()
    {
        var model = new DelegateChatModel(_ => Fails());

        await Assert.ThrowsAsync<ChatModelException>(() => model.InvokeAsync(Prompt.Hi, Options).Within());

        Activity span = Assert.Single(_spans);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("rate_limit_exceeded", span.GetTagItem("error.type"));
        Assert.Equal("rate_limit_exceeded", Assert.Single(_measurements, m => m.Name == "gen_ai.client.operation.duration").Tags["error.type"]);

        static async IAsyncEnumerable<StreamEvent> Fails()
        {
            await Task.Yield();
            throw new ChatModelException("slow down") { ErrorCode = "rate_limit_exceeded" };
#pragma warning disable CS0162
            yield break;
#pragma warning restore CS0162
        }
    }

    [Fact]
    public async Task ClosedMidStream_SpanEndsAsCancelled()
    {
        var model = new DelegateChatModel(ct => Stall(ct));
        ChatModelStream stream = model.Stream(Prompt.Hi, Options);
        await stream.Text.Take(1).ToListAsync().Within();

        await stream.CloseAsync().AsTask().Within();

        Activity span = Assert.Single(_spans);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("cancelled", span.GetTagItem("error.type"));

        static async IAsyncEnumerable<StreamEvent> Stall([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
        {
            yield return Ev.Text(0, "a");
            await Task.Delay(Timeout.Infinite, ct);
        }
    }

    [Fact]
    public async Task StreamNeverRead_OrClosedBeforeStart_CreatesNoSpan()
    {
        DelegateChatModel model = DelegateChatModel.FromEvents(Ev.Start(), Ev.End());

        _ = model.Stream(Prompt.Hi, Options);
        await model.Stream(Prompt.Hi, Options).CloseAsync().AsTask().Within();
        await Task.Delay(50);

        Assert.Empty(_spans);
        Assert.Empty(_measurements);
    }

    [Fact]
    public async Task SensitiveData_OnlyWhenEnabled()
    {
        DelegateChatModel model = DelegateChatModel.FromEvents(Ev.Start(), Ev.Text(0, "secret answer"), Ev.End());
        await model.InvokeAsync(Prompt.Hi, Options).Within();
        Activity plain = Assert.Single(_spans);
        Assert.DoesNotContain(plain.TagObjects, t => t.Value is string s && s.Contains("secret answer", StringComparison.Ordinal));

        model.EnableSensitiveTelemetry = true;
        DelegateChatModel sensitive = DelegateChatModel.FromEvents(Ev.Start(), Ev.Text(0, "secret answer"), Ev.End());
        sensitive.EnableSensitiveTelemetry = true;
        await sensitive.InvokeAsync(Prompt.Hi, Options).Within();
        Activity recorded = _spans.Last();
        Assert.Contains("secret answer", (string)recorded.GetTagItem("gen_ai.output.messages")!, StringComparison.Ordinal);
        Assert.Contains("\"content\":\"hi\"", (string)recorded.GetTagItem("gen_ai.input.messages")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Span_IsAChildOfTheCallersSpan()
    {
        using var parentSource = new ActivitySource("ChatStreams.Tests.Parent");
        using var parentListener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == parentSource.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(parentListener);
        DelegateChatModel model = DelegateChatModel.FromEvents(Ev.Start(), Ev.End());
        ChatModelStream stream;
        ActivityTraceId trace;
        using (Activity parent = parentSource.StartActivity("request")!)
        {
            trace = parent.TraceId;
            stream = model.Stream(Prompt.Hi, Options);
        }

        await Task.Run(async () => await stream).Within();

        Assert.Equal(trace, Assert.Single(_spans).TraceId);
    }
}
