using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlNetTransfer;

/// <summary>The JSON conventions of every file MlNetTransfer reads or writes: camelCase, indented, nulls left out, comments and trailing commas allowed on read.</summary>
internal static class JsonDefaults
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
