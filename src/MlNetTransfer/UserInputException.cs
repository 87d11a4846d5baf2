namespace MlNetTransfer;

/// <summary>
/// A problem with what the user supplied (a path, a column, a flag value, a file's contents).
/// The message is meant to be shown as-is: it names the file, row or column and says what was expected.
/// The console app maps it to exit code 1.
/// </summary>
public sealed class UserInputException : Exception
{
    /// <summary>A problem described by <paramref name="message"/>, a sentence shown to the user as-is.</summary>
    public UserInputException(string message) : base(message) { }

    /// <summary>A problem described by <paramref name="message"/>, caused by <paramref name="inner"/> (a parse or I/O error, kept for diagnostics).</summary>
    public UserInputException(string message, Exception inner) : base(message, inner) { }
}
