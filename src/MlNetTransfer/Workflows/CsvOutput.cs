using System.Globalization;
using CsvHelper;

namespace MlNetTransfer.Workflows;

/// <summary>Writes a CSV (header, then rows; RFC 4180 quoting by CsvHelper) atomically. Floats use round-trip formatting.</summary>
internal static class CsvOutput
{
    public static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static void Write(string path, IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream);
            using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
            foreach (var row in rows.Prepend(header))
            {
                foreach (var field in row) csv.WriteField(field);
                csv.NextRecord();
            }
        });
}
