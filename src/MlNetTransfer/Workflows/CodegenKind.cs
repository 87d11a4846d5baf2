namespace MlNetTransfer.Workflows;

/// <summary>Which project <see cref="CodegenWorkflow"/> writes.</summary>
public enum CodegenKind
{
    /// <summary>A console app that predicts one example given on its command line and prints the prediction and the score of every label.</summary>
    Console,

    /// <summary>A minimal ASP.NET Core API: <c>POST /predict</c> takes a <c>ModelInput</c> as JSON and returns the <c>ModelOutput</c>.</summary>
    WebApi,
}
