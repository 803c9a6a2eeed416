using System.Net.ServerSentEvents;

namespace ChatStreams.Benchmarks;

/// <summary>The floor every end-to-end benchmark is compared with: the same HTTP response split into SSE events, nothing more.</summary>
internal static class RawSseFloor
{
    public static async Task<int> ReadAsync(BenchHttp http, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(http.Address, path)) { Content = new StringContent("{}") };
        using HttpResponseMessage response = await http.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using Stream body = await response.Content.ReadAsStreamAsync();
        int length = 0;
        await foreach (SseItem<string> item in SseParser.Create(body).EnumerateAsync())
        {
            length += item.Data.Length;
        }

        return length;
    }
}
