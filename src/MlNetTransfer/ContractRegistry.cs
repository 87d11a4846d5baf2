using Microsoft.ML;

namespace MlNetTransfer;

/// <summary>
/// Makes this library's custom-mapping contracts (for example the text vectorizer's tokenizer,
/// "MlNetTransfer.Text.WordTokens.v1") known to an <see cref="MLContext"/>. A saved model that contains them loads
/// with <c>mlContext.Model.Load</c> only after this call on that context (ML.NET stores a custom mapping as its
/// contract name and finds the code by it).
/// </summary>
public static class ContractRegistry
{
    /// <summary>Registers every contract of the MlNetTransfer assembly with <paramref name="mlContext"/> (idempotent).</summary>
    public static MLContext RegisterAll(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        mlContext.ComponentCatalog.RegisterAssembly(typeof(ContractRegistry).Assembly);
        return mlContext;
    }
}
