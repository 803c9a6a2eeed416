using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace ChatStreams.Cli;

/// <summary>The entry point of <c>chatstream</c>.</summary>
internal static class Program
{
    /// <summary>Runs the command line; Ctrl+C (or SIGTERM) closes the stream and exits with 130.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> Main(string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        void OnCancelKey(object? sender, ConsoleCancelEventArgs e)
        {
            // Keep the process alive: the stream closes, what was printed stays, and the exit code is 130.
            e.Cancel = true;
            interrupt.Cancel();
        }

        Console.CancelKeyPress += OnCancelKey;
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            interrupt.Cancel();
        });
        try
        {
            return await CommandLine.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable, interrupt.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancelKey;
        }
    }
}
