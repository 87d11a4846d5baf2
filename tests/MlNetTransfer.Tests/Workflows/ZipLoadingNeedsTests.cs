using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Text;
using MlNetTransfer.Workflows;
using MlNetTransfer.Tests.Text;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>
/// What loading a zip with MlNetTransfer's custom mappings needs, established rather than assumed: ML.NET records the
/// assembly of a CustomMapping's contract in the zip and loads and registers it itself, so <c>ContractRegistry.RegisterAll</c>
/// is not needed; the assembly must be loadable, which an app that does not reference MlNetTransfer cannot do. (An
/// image-only zip needs nothing of ours: <see cref="SavedModelTests"/> runs it in that app; minilm / arctic-xs zips also
/// need the vocabulary: <c>Featurizers/TextZipLoadingTests</c>.)
/// </summary>
public sealed class ZipLoadingNeedsTests : IDisposable
{
    private static readonly string[] Documents = ["The quick brown fox.", "A lazy dog sleeps.", "The fox and the dog.", ""];

    private readonly string _dir = TestData.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string SaveTfIdfZip(out float[][] fitted)
    {
        var ml = new MLContext(1);
        var data = TextData.View(ml, Documents);
        var model = ml.Transforms.Text.Vectorize(ml, "Features", "Text", TextVectorizerPresets.TfIdf).Fit(data);
        fitted = TextData.Dense(model.Transform(data));
        var zip = Path.Combine(_dir, "tfidf.zip");
        ml.Model.Save(model, data.Schema, zip);
        return zip;
    }

    [Fact]
    public void TextVectorizerZip_LoadsInAFreshContextWithoutRegisterAll_ForMlNetRegistersTheAssemblyTheZipNames()
    {
        var zip = SaveTfIdfZip(out var fitted);
        var fresh = new MLContext(2); // no ContractRegistry.RegisterAll
        var loaded = fresh.Model.Load(zip, out _);
        var reloaded = TextData.Dense(loaded.Transform(TextData.View(fresh, Documents)));
        TextData.AssertClose(fitted.Select(r => r.Select(v => (double)v).ToArray()).ToArray(), reloaded, 1e-6, "tf-idf after a load without RegisterAll");
    }

    [Fact]
    public async Task TextVectorizerZip_DoesNotLoadInAnAppWithoutMlNetTransfer_TheErrorNamesTheAssembly()
    {
        var zip = SaveTfIdfZip(out _);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(PlainMlNetProcess.ConsumerPath);
        start.ArgumentList.Add(zip);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode != 0, $"the plain ML.NET app loaded a zip holding MlNetTransfer's custom mappings: {await stdout}");
        Assert.Contains("Could not load file or assembly 'MlNetTransfer,", stderr);
    }

    [Fact]
    public void AZipNamingAContractThisAssemblyLacks_FailsInModelFileWithOneMessageNamingIt()
    {
        var zip = SaveTfIdfZip(out _);
        var renamed = 0;
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Update))
            foreach (var entry in archive.Entries.Where(e => e.FullName.EndsWith("Model.key", StringComparison.Ordinal)).ToList())
            {
                byte[] bytes;
                using (var read = entry.Open())
                using (var buffer = new MemoryStream())
                {
                    read.CopyTo(buffer);
                    bytes = buffer.ToArray();
                }
                // Contract names are stored as UTF-16: v1 -> v9, as a zip from a later version of the library would name it.
                var text = Encoding.Unicode.GetString(bytes);
                if (!text.Contains("MlNetTransfer.Text.WordTokens.v1", StringComparison.Ordinal)) continue;
                var patched = Encoding.Unicode.GetBytes(text.Replace("MlNetTransfer.Text.WordTokens.v1", "MlNetTransfer.Text.WordTokens.v9", StringComparison.Ordinal));
                Assert.Equal(bytes.Length, patched.Length);
                var name = entry.FullName;
                entry.Delete();
                using var write = archive.CreateEntry(name).Open();
                write.Write(patched);
                renamed++;
            }
        Assert.Equal(1, renamed);

        var e = Assert.Throws<UserInputException>(() => ModelFile.Load(new MLContext(2), zip));
        Assert.StartsWith($"'{zip}' is an ML.NET model zip, but one of its steps could not be recreated: " +
            "Unable to locate an extension for the contract 'MlNetTransfer.Text.WordTokens.v9'.", e.Message);
    }
}
