using Spectre.Console.Cli;

namespace MlNetTransfer.Cli;

/// <summary>Maps exceptions to exit codes and one-line messages on standard error.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>Bad arguments or bad input: one line on standard error says what to fix.</summary>
    public const int UserError = 1;

    /// <summary>A bug in mlnet-transfer.</summary>
    public const int InternalError = 2;

    /// <summary>Interrupted (Ctrl+C) before the command finished.</summary>
    public const int Cancelled = 130;

    /// <summary>
    /// Writes <paramref name="exception"/>'s one-line message to <paramref name="error"/> and, with
    /// <paramref name="verbose"/> (<c>--verbose</c>), the exception with its stack trace; returns its exit code.
    /// </summary>
    public static int Report(Exception exception, TextWriter error, bool verbose)
    {
        var code = Classify(exception, error);
        if (verbose) error.WriteLine(exception);
        return code;
    }

    private static int Classify(Exception exception, TextWriter error)
    {
        switch (exception)
        {
            case UserInputException e:
                error.WriteLine($"error: {e.Message}");
                return UserError;
            case CommandAppException e: // unknown command or flag, bad flag value, failed validation
                error.WriteLine($"error: {e.Message}");
                return UserError;
            case OperationCanceledException:
                error.WriteLine("cancelled: nothing half-written was left; embeddings of finished batches are kept in the cache, so running the same command again resumes from them.");
                return Cancelled;
            default:
                error.WriteLine($"internal error: {exception.GetType().Name}: {exception.Message}");
                error.WriteLine("This is a bug in mlnet-transfer; please report it with the command you ran.");
                return InternalError;
        }
    }
}
