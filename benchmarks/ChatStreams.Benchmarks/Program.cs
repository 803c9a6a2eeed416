using BenchmarkDotNet.Running;
using ChatStreams.Benchmarks;

// Run all:          dotnet run -c Release --project benchmarks/ChatStreams.Benchmarks -- --filter '*'
// Check results:    dotnet run -c Release --project benchmarks/ChatStreams.Benchmarks -- --check
// Scale figures:    dotnet run -c Release --project benchmarks/ChatStreams.Benchmarks -- --scale
// Stages:           dotnet run -c Release --project benchmarks/ChatStreams.Benchmarks -- --stages
// Profile loop:     dotnet run -c Release --project benchmarks/ChatStreams.Benchmarks -- --profile text|tools|anthropic SECONDS [InMemory|Loopback]
if (args is ["--check"])
{
    await Checks.RunAsync();
    return;
}

if (args is ["--stages"])
{
    await Stages.RunAsync();
    return;
}

if (args is ["--profile", var transcript, var seconds, .. var rest])
{
    await Profile.RunAsync(transcript, seconds, rest is [var transport] ? transport : nameof(Transport.InMemory));
    return;
}

if (args is ["--scale"])
{
    await ScaleFigures.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
