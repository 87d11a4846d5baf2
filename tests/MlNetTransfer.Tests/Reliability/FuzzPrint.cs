using System.Text;

namespace MlNetTransfer.Tests.Reliability;

/// <summary>Shows fuzz inputs in a failure message: printable ASCII as is, everything else escaped, long runs cut.</summary>
internal static class FuzzPrint
{
    public static string Bytes(byte[] bytes, int max = 1500)
    {
        var text = new StringBuilder($"{bytes.Length} bytes: \"");
        foreach (var b in bytes.Take(max))
            text.Append(b switch
            {
                (byte)'\\' => "\\\\",
                (byte)'"' => "\\\"",
                (byte)'\n' => "\\n",
                (byte)'\r' => "\\r",
                >= 0x20 and < 0x7f => ((char)b).ToString(),
                _ => $"\\x{b:X2}",
            });
        text.Append(bytes.Length > max ? "\"…" : "\"");
        return text.ToString();
    }
}
