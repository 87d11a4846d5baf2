namespace MlNetTransfer.Cli.Tests;

/// <summary>
/// A bug is not a user error: what a data scan lets through (a programming error, see the library's RowScanTests) exits
/// 2 with "internal error"; a user error exits 1 with one "error:" line.
/// </summary>
public sealed class ExitCodeTests
{
    [Fact]
    public void ABugExits2WithInternalError_AUserErrorExits1()
    {
        var bug = new StringWriter();
        Assert.Equal(ExitCodes.InternalError, ExitCodes.Report(new NullReferenceException("Object reference not set to an instance of an object."), bug, verbose: false));
        Assert.StartsWith("internal error: NullReferenceException: ", bug.ToString());
        Assert.Contains("This is a bug in mlnet-transfer", bug.ToString());

        var user = new StringWriter();
        Assert.Equal(ExitCodes.UserError, ExitCodes.Report(new UserInputException("Image 'x.png' is not a decodable image."), user, verbose: false));
        Assert.Equal("error: Image 'x.png' is not a decodable image.", user.ToString().TrimEnd());
    }
}
