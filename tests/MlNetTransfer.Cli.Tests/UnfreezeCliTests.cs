namespace MlNetTransfer.Cli.Tests;

/// <summary>--unfreeze, --backbone-lr and --unfreeze-epochs of train: refused with a clear error where they do not apply; a tiny end-to-end run.</summary>
public sealed class UnfreezeCliTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Unfreeze_needs_the_mlp_trainer_and_a_known_depth_and_backbone_lr_needs_unfreeze()
    {
        var data = _dir.ImageFolder(perClass: 2);
        var lr = _dir.Run("train", "--data", data, "--out", _dir["m.zip"], "--unfreeze", "last-block", "--trainer", "lr").UserError();
        Assert.Contains("--unfreeze trains the backbone with an MLP head: it needs --trainer mlp (the trainer is 'lr')", lr);
        var unknown = _dir.Run("train", "--data", data, "--out", _dir["m.zip"], "--unfreeze", "sideways", "--trainer", "mlp").UserError();
        Assert.Contains("unknown --unfreeze 'sideways': expected none, last-block or last-stage", unknown);
        var alone = _dir.Run("train", "--data", data, "--out", _dir["m.zip"], "--backbone-lr", "0.001").UserError();
        Assert.Contains("--backbone-lr is only used with unfreeze last-block or last-stage", alone);
        var classical = _dir.Run("train", "--data", data, "--out", _dir["m.zip"], "--unfreeze", "last-stage", "--trainer", "mlp", "--backbone", "classical").UserError();
        Assert.Contains("needs an ONNX image backbone whose manifest has a \"fineTuning\" section (got 'classical')", classical);
        var epochs = _dir.Run("train", "--data", data, "--out", _dir["m.zip"], "--unfreeze-epochs", "2").UserError();
        Assert.Contains("--unfreeze-epochs is only used with --unfreeze last-block or last-stage", epochs);
        File.WriteAllText(_dir["f.parquet"], "not read: the options are checked first");
        var features = _dir.Run("train", "--features", _dir["f.parquet"], "--out", _dir["m.zip"], "--unfreeze", "last-block", "--trainer", "mlp").UserError();
        Assert.Contains("--unfreeze trains the backbone on the images themselves: it cannot start from stored features", features);
        Assert.False(File.Exists(_dir["m.zip"]), "no model may be written");
    }

    [Fact]
    public void A_test_label_the_training_data_lacks_fails_before_anything_is_featurized_or_fine_tuned()
    {
        var data = _dir.ImageFolder(perClass: 2);
        var test = _dir.ImageFolder("test", perClass: 1);
        var shirt = Directory.CreateDirectory(Path.Combine(test, "shirt")).FullName;
        File.Copy(Directory.GetFiles(Path.Combine(test, "bag"))[0], Path.Combine(shirt, "s.png"));
        var run = _dir.Run("train", "--data", data, "--test", test, "--out", _dir["m.zip"], "--trainer", "mlp", "--unfreeze", "last-block");
        Assert.Contains("has label 'shirt' (1 example), which the training data", run.UserError());
        Assert.DoesNotContain("Fine-tuning", run.Stdout);
        Assert.DoesNotContain("Featurizing", run.Stdout);
        Assert.False(File.Exists(_dir["m.zip"]));
    }

    [Fact]
    public void Train_with_unfreeze_last_block_fine_tunes_shows_epochs_with_time_left_and_saves_a_model_that_predicts()
    {
        var data = _dir.ImageFolder(perClass: 6);
        var run = _dir.Run("train", "--data", data, "--test", data, "--out", _dir["m.zip"], "--trainer", "mlp", "--unfreeze", "last-block",
            "--unfreeze-epochs", "2", "--backbone-lr", "0.001", "--metrics-json", _dir["m.json"]).Succeeded();
        Assert.Contains("Fine-tuning resnet18 from s1_ReLU379_Output_0", run.Stdout);
        Assert.Matches(@"epoch 1 of 2: train loss [\d.]+, validation loss [\d.]+, accuracy [\d.]+ .*\([\d.]+ s, about \d+ s left\)", run.Stdout);
        Assert.Matches(@"kept epoch \d of 2; 4,720,640 backbone values trained", run.Stdout);
        Assert.True(MetricsJson.Read(_dir["m.json"]).Accuracy >= 0.9, run.Describe()); // bag vs coat, scored on its own training images
        var predicted = _dir.Run("predict", "--model", _dir["m.zip"], "--data", data, "--out", _dir["p.csv"]).Succeeded();
        Assert.True(File.Exists(_dir["p.csv"]), predicted.Describe());
    }
}
