namespace ChatStreams.Cli;

/// <summary>The exit codes of <c>chatstream</c> (DESIGN 3.6).</summary>
internal static class ExitCodes
{
    /// <summary>The answer completed.</summary>
    public const int Success = 0;

    /// <summary>The model or provider failed.</summary>
    public const int ModelFailure = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;

    /// <summary>Ctrl+C closed the stream.</summary>
    public const int Interrupted = 130;
}
