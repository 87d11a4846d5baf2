using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli;

/// <summary>Maps exceptions to exit codes and one-line messages on standard error.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int UserError = 1;
    public const int InternalError = 2;

    /// <summary>Set by <c>--verbose</c>: after the one-line message, the exception with its stack trace.</summary>
    public static bool Verbose { get; set; }

    public static int Report(Exception exception)
    {
        var code = Classify(exception);
        if (Verbose) Console.Error.WriteLine(exception);
        return code;
    }

    private static int Classify(Exception exception)
    {
        var error = Console.Error;
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
                return 130;
            default:
                error.WriteLine($"internal error: {exception.GetType().Name}: {exception.Message}");
                error.WriteLine("This is a bug in mlnet-transfer; please report it with the command you ran.");
                return InternalError;
        }
    }
}
