using MlNetTransfer.Cli.Commands;
using MlNetTransfer.Heads;
using Spectre.Console.Testing;

namespace MlNetTransfer.Cli.Tests;

/// <summary>The guided start of train (<see cref="TrainPrompts"/>) through Spectre's testing console.</summary>
public sealed class TrainPromptsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The penguins CSV has no column named 'label', so the prompts must ask for it.</summary>
    private string Penguins()
    {
        var copy = _dir["penguins.csv"];
        File.Copy(TestData.Penguins, copy);
        return copy;
    }

    private static void Choose(TestConsole console, int index)
    {
        for (var i = 0; i < index; i++) console.Input.PushKey(ConsoleKey.DownArrow);
        console.Input.PushKey(ConsoleKey.Enter);
    }

    [Fact]
    public void Interactive_train_asks_for_what_is_missing_and_returns_the_options()
    {
        var data = Penguins();
        var console = new TestConsole().Interactive();
        console.Profile.Width = 200;
        console.Input.PushTextWithEnter(_dir["no-such.csv"]); // refused: asked again
        console.Input.PushTextWithEnter(data);
        console.Input.PushTextWithEnter("Species");           // the label column, after the loader's message
        console.Input.PushTextWithEnter("y");                 // keep the detected roles
        Choose(console, HeadRegistry.Default.Names.Count);    // auto: after the registry's heads
        console.Input.PushTextWithEnter("30");                // time budget
        console.Input.PushTextWithEnter(_dir["m.zip"]);

        var args = TrainPrompts.Complete(["train", "--seed=3"], console, CancellationToken.None);

        Assert.Equal(["train", "--seed=3", "--data=" + data, "--label=Species", "--trainer=auto", "--time-budget=30", "--out=" + _dir["m.zip"]], args);
        var output = console.Output;
        Assert.Contains("does not exist", output);
        Assert.Contains("has no column named 'label'", output);
        Assert.Matches(@"│ Island\s+│ categorical\s+│", output);
        Assert.Matches(@"│ Body Mass \(g\)\s+│ numeric\s+│", output);
        Assert.Contains("Island: categorical (detected: 3 distinct short values)", output);
        foreach (var head in HeadRegistry.Default.Names) Assert.Contains(head, output);
        Assert.Contains("The same run without questions: mlnet-transfer train --seed=3 --data=", output);
    }

    [Fact]
    public void Changing_the_roles_names_every_column()
    {
        var data = Penguins();
        var console = new TestConsole().Interactive();
        console.Profile.Width = 200;
        console.Input.PushTextWithEnter("n");           // change the roles
        Choose(console, 4);                              // Island: categorical (its role) first, then image, text, numeric, ignore
        for (var i = 0; i < 5; i++) Choose(console, 0);  // the four numbers stay numeric, Sex categorical
        console.Input.PushTextWithEnter(_dir["m.zip"]);

        var args = TrainPrompts.Complete(["train", "--data=" + data, "--label=Species", "--trainer=lr"], console, CancellationToken.None);

        Assert.Equal(["train", "--data=" + data, "--label=Species", "--trainer=lr",
            "--ignore-column=Island", "--numeric-column=Beak Length (mm)", "--numeric-column=Beak Depth (mm)", "--numeric-column=Flipper Length (mm)",
            "--numeric-column=Body Mass (g)", "--categorical-column=Sex", "--out=" + _dir["m.zip"]], args);
        Assert.Contains("'--numeric-column=Beak Length (mm)'", console.Output); // the repeatable command line is quoted for a shell
    }

    [Fact]
    public void Without_an_interactive_console_nothing_is_asked()
    {
        var console = new TestConsole(); // not interactive, and no input queued: reading would throw
        Assert.Equal(["train"], TrainPrompts.Complete(["train"], console, CancellationToken.None));
        Assert.Equal(["train", "--data=x"], TrainPrompts.Complete(["train", "--data=x"], console, CancellationToken.None));
        Assert.Equal("", console.Output);
    }

    /// <summary>The whole app on an interactive console: the questions, then the training run, its model and metrics (the JSON ends with a newline).</summary>
    [Fact]
    public void Interactive_train_runs_end_to_end_through_the_app()
    {
        var data = Penguins();
        var console = new TestConsole().Interactive();
        console.Profile.Width = 200;
        console.Input.PushTextWithEnter(data);
        console.Input.PushTextWithEnter("Species");
        console.Input.PushTextWithEnter("y");
        Choose(console, 0); // lr
        console.Input.PushTextWithEnter(_dir["m.zip"]);
        var error = new StringWriter();

        var code = CliApp.Run(["train", "--metrics-json", _dir["metrics.json"]], console, error, CancellationToken.None);

        Assert.True(code == 0, $"exit {code}\n{error}\n{console.Output}");
        Assert.True(File.Exists(_dir["m.zip"]), console.Output);
        Assert.Contains("Model written to", console.Output);
        var json = File.ReadAllText(_dir["metrics.json"]);
        Assert.EndsWith("}\n", json);
        Assert.Equal(3, MetricsJson.Read(_dir["metrics.json"]).Labels.Count);
    }
}
