// A minimal streaming console app: one provider call, several consumers of the same stream.
// Runs against OpenAI when OPENAI_API_KEY is set, else against a scripted model, offline.
using ChatStreams;
using Microsoft.Extensions.AI;

ChatModel model = Environment.GetEnvironmentVariable("OPENAI_API_KEY") is { Length: > 0 } key
    ? new OpenAIChatModel(new OpenAIChatModelOptions { Model = "gpt-4o-mini", ApiKey = key })
    : new ScriptedChatModel(ScriptedTurn.FromText(
        "Streams are hot: every consumer sees every delta, late ones replay from the start.",
        reasoning: "Explain the stream object briefly.",
        usage: new UsageInfo(12, 18, 30)) with { Delay = TimeSpan.FromMilliseconds(40) });

string prompt = args.Length > 0 ? string.Join(' ', args) : "What does a ChatModelStream give me?";
await using ChatModelStream stream = model.Stream([new ChatMessage(ChatRole.User, prompt)]);

// Two independent consumers of one response: the reasoning log and the visible answer.
Task thinking = Task.Run(async () =>
{
    await foreach (string delta in stream.Reasoning)
    {
        Console.Error.Write(delta);
    }

    Console.Error.WriteLine();
});
await foreach (string delta in stream.Text)
{
    Console.Write(delta);
}

await thinking;
AIMessage message = await stream; // the assembled message, once observers finished
Console.WriteLine();
Console.WriteLine($"finish: {message.FinishReason}, tokens: {message.UsageMetadata?.InputTokens} in / {message.UsageMetadata?.OutputTokens} out");
