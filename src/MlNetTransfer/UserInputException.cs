namespace MlNetTransfer;

/// <summary>
/// A problem with what the user supplied (a path, a column, a flag value, a file's contents).
/// The message is meant to be shown as-is: it names the file, row or column and says what was expected.
/// The console app maps it to exit code 1.
/// </summary>
public sealed class UserInputException : Exception
{
    public UserInputException(string message) : base(message) { }

    public UserInputException(string message, Exception inner) : base(message, inner) { }
}
