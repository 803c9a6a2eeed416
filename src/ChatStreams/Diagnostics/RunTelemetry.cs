using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>The span and measurements of one run; created at lazy start and ended on every exit path.</summary>
internal sealed class RunTelemetry
{
    /// <summary>The span, or <see langword="null"/> when nobody listens.</summary>
    private readonly Activity? _activity;

    /// <summary>The model.</summary>
    private readonly ChatModel _model;

    /// <summary>The metric tags every measurement carries.</summary>
    private readonly TagList _tags;

    /// <summary>When the run started, on the model's clock.</summary>
    private readonly long _started;

    /// <summary>Whether the first event was measured.</summary>
    private bool _sawFirstEvent;

    /// <summary>The model the provider reported in <c>message-start</c>.</summary>
    private string? _responseModel;

    /// <summary>Initializes the telemetry of a run.</summary>
    private RunTelemetry(ChatModel model, Activity? activity, TagList tags)
    {
        _model = model;
        _activity = activity;
        _tags = tags;
        _started = model.TimeProvider.GetTimestamp();
    }

    /// <summary>Starts the run's span, named <c>chat {model}</c>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="messages">The conversation, recorded only when sensitive telemetry is enabled.</param>
    /// <param name="options">The request options.</param>
    /// <param name="parent">The caller's span when the stream was created.</param>
    /// <returns>The run's telemetry.</returns>
    public static RunTelemetry Start(ChatModel model, IReadOnlyList<ChatMessage> messages, ChatOptions? options, ActivityContext parent)
    {
        string? requestModel = options?.ModelId ?? model.ModelId;
        var tags = new TagList
        {
            { "gen_ai.operation.name", "chat" },
            { "gen_ai.provider.name", model.ProviderName },
        };
        if (requestModel is not null)
        {
            tags.Add("gen_ai.request.model", requestModel);
        }

        Activity? activity = ChatStreamsTelemetry.ActivitySource.StartActivity(
            requestModel is null ? "chat" : $"chat {requestModel}", ActivityKind.Client, parent, tags);
        if (activity is { IsAllDataRequested: true })
        {
            SetRequestTags(activity, options);
            if (model.EnableSensitiveTelemetry)
            {
                activity.SetTag("gen_ai.input.messages", InputMessagesJson(messages));
            }
        }

        return new RunTelemetry(model, activity, tags);
    }

    /// <summary>Measures the time to the first event and notes the response model.</summary>
    /// <param name="streamEvent">The event just dispatched.</param>
    public void OnEvent(StreamEvent streamEvent)
    {
        if (!_sawFirstEvent)
        {
            _sawFirstEvent = true;
            ChatStreamsTelemetry.TimeToFirstChunk.Record(_model.TimeProvider.GetElapsedTime(_started).TotalSeconds, _tags);
        }

        if (streamEvent is MessageStartEvent { Metadata.Model: { } model })
        {
            _responseModel = model;
        }
    }

    /// <summary>Records a successful run and ends its span.</summary>
    /// <param name="message">The message.</param>
    public void Complete(AIMessage message)
    {
        TagList tags = _tags;
        string? responseModel = JsonValues.StringOf(message.ResponseMetadata, "model_name") ?? _responseModel;
        if (responseModel is not null)
        {
            tags.Add("gen_ai.response.model", responseModel);
        }

        ChatStreamsTelemetry.OperationDuration.Record(_model.TimeProvider.GetElapsedTime(_started).TotalSeconds, tags);
        RecordTokens(message.UsageMetadata?.InputTokens, "input", tags);
        RecordTokens(message.UsageMetadata?.OutputTokens, "output", tags);
        if (_activity is null)
        {
            return;
        }

        _activity.SetTag("gen_ai.response.model", responseModel);
        _activity.SetTag("gen_ai.response.id", message.Id);
        if (message.FinishReason is { } reason)
        {
            _activity.SetTag("gen_ai.response.finish_reasons", new[] { reason });
        }

        _activity.SetTag("gen_ai.usage.input_tokens", message.UsageMetadata?.InputTokens);
        _activity.SetTag("gen_ai.usage.output_tokens", message.UsageMetadata?.OutputTokens);
        if (_model.EnableSensitiveTelemetry)
        {
            _activity.SetTag("gen_ai.output.messages", ProtocolJson.Serialize(message));
        }

        _activity.Stop();
    }

    /// <summary>Records a failed, cancelled or closed run and ends its span with an error status.</summary>
    /// <param name="error">The error.</param>
    public void Fail(Exception error)
    {
        string errorType = ErrorType(error);
        TagList tags = _tags;
        tags.Add("error.type", errorType);
        ChatStreamsTelemetry.OperationDuration.Record(_model.TimeProvider.GetElapsedTime(_started).TotalSeconds, tags);
        if (_activity is null)
        {
            return;
        }

        _activity.SetTag("gen_ai.response.model", _responseModel);
        _activity.SetTag("error.type", errorType);
        _activity.SetStatus(ActivityStatusCode.Error, error is ChatModelException ? error.Message : error.GetType().Name);
        _activity.Stop();
    }

    /// <summary>Names an error for <c>error.type</c>: a cancellation, the provider's code or type, else the exception type.</summary>
    private static string ErrorType(Exception error) => error switch
    {
        OperationCanceledException => "cancelled",
        ChatModelException { ErrorCode: { } code } => code,
        ChatModelException { ErrorType: { } type } => type,
        _ => error.GetType().FullName ?? error.GetType().Name,
    };

    /// <summary>Records one token count when the provider reported it.</summary>
    private static void RecordTokens(int? count, string type, TagList tags)
    {
        if (count is { } value)
        {
            tags.Add("gen_ai.token.type", type);
            ChatStreamsTelemetry.TokenUsage.Record(value, tags);
        }
    }

    /// <summary>Tags the request parameters that were set.</summary>
    private static void SetRequestTags(Activity activity, ChatOptions? options)
    {
        if (options is null)
        {
            return;
        }

        activity.SetTag("gen_ai.request.max_tokens", options.MaxOutputTokens);
        activity.SetTag("gen_ai.request.temperature", options.Temperature);
        activity.SetTag("gen_ai.request.top_p", options.TopP);
        activity.SetTag("gen_ai.request.top_k", options.TopK);
        activity.SetTag("gen_ai.request.seed", options.Seed);
        if (options.StopSequences is { Count: > 0 } stops)
        {
            activity.SetTag("gen_ai.request.stop_sequences", stops.ToArray());
        }
    }

    /// <summary>Writes the conversation as the GenAI conventions' input-messages JSON: role and text parts.</summary>
    private static string InputMessagesJson(IReadOnlyList<ChatMessage> messages)
    {
        using var buffer = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (ChatMessage message in messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role", message.Role.Value);
                writer.WriteStartArray("parts");
                writer.WriteStartObject();
                writer.WriteString("type", "text");
                writer.WriteString("content", message.Text);
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
