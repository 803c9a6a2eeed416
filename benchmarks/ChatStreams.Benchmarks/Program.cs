using BenchmarkDotNet.Running;
using ChatStreams.Benchmarks;

// Run all:          dotnet run -c Release --project benchmarks/ChatStreams.Benchmarks -- --filter '*'
// Check results:    dotnet run -c Release --project benchmarks/ChatStreams.Benchmarks -- --check
// Scale figures:    dotnet run -c Release --project benchmarks/ChatStreams.Benchmarks -- --scale
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

if (args is ["--profile", var which, var seconds])
{
    await Profile.RunAsync(which, double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args is ["--scale"])
{
    await ScaleFigures.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
