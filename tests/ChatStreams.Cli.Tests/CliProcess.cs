using System.Diagnostics;
using System.Text;

namespace ChatStreams.Cli.Tests;

/// <summary>The result of one <c>chatstream</c> process.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Runs <c>chatstream</c> as a real process, with no provider keys in its environment.</summary>
internal static class CliProcess
{
    private static readonly string s_dll = Path.Combine(AppContext.BaseDirectory, "chatstream.dll");

    public static Process Start(IEnumerable<string> args, string? stdin = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(s_dll);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (string key in (string[])["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "OLLAMA_HOST"])
        {
            info.Environment.Remove(key);
        }

        var process = Process.Start(info)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        return process;
    }

    public static async Task<CliResult> RunAsync(params string[] args) => await WaitAsync(Start(args));

    public static async Task<CliResult> RunWithInputAsync(string stdin, params string[] args) => await WaitAsync(Start(args, stdin));

    public static async Task<CliResult> WaitAsync(Process process)
    {
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chatstream did not exit within 60 s");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Reads the shared fixtures (../shared/fixtures), as the core tests do.</summary>
    public static string Fixture(string name)
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "..", "shared", "fixtures", name);
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new FileNotFoundException($"fixture {name} not found in ../shared/fixtures");
    }
}
