// Microsoft.Extensions.AI both ways: a ChatModel under FunctionInvokingChatClient, and any IChatClient as a ChatModel.
using ChatStreams;
using Microsoft.Extensions.AI;

// 1. A ChatModel as an IChatClient: M.E.AI middleware runs the tool loop over it.
var model = new ScriptedChatModel(
    ScriptedTurn.FromToolCalls(new ToolCallBlock("call_1", "get_weather", System.Text.Json.JsonElement.Parse("""{"city":"Paris"}"""))),
    ScriptedTurn.FromText("It is sunny in Paris."),
    ScriptedTurn.FromText("Still sunny in Paris."));
AIFunction weather = AIFunctionFactory.Create((string city) => $"Sunny, 21°C in {city}", "get_weather", "Gets the current weather.");
IChatClient client = new ChatClientBuilder(model.AsChatClient()).UseFunctionInvocation().Build();

ChatResponse response = await client.GetResponseAsync("Weather in Paris?", new ChatOptions { Tools = [weather] });
Console.WriteLine($"tool loop answer: {response.Text}");
Console.WriteLine($"requests the model saw: {model.Requests.Count}");

// 2. Any IChatClient as a ChatModel: every projection of a ChatModelStream over it.
ChatModel wrapped = client.AsChatModel();
await using ChatModelStream stream = wrapped.Stream([new ChatMessage(ChatRole.User, "Weather in Paris?")], new ChatOptions { Tools = [weather] });
await foreach (string delta in stream.Text)
{
    Console.Write(delta);
}

Console.WriteLine();
AIMessage message = await stream;
Console.WriteLine($"as a ChatModel: {message.Text.Length} characters, finish {message.FinishReason}");
