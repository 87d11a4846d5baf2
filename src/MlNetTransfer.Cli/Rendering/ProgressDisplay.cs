using MlNetTransfer.Common;
using MlNetTransfer.Workflows;
using Spectre.Console;

namespace MlNetTransfer.Cli.Rendering;

/// <summary>
/// Shows workflow progress: Spectre progress bars on an interactive terminal, one line per finished stage otherwise
/// (logs and CI stay readable).
/// </summary>
public static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, showing the progress it reports on <paramref name="console"/>; returns its result.</summary>
    public static T Run<T>(IAnsiConsole console, Func<IProgress<WorkflowProgress>, T> work)
    {
        if (!console.Profile.Capabilities.Interactive)
            return work(new LineProgress(console));
        T result = default!;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var progress = new SynchronousProgress<WorkflowProgress>(update =>
                {
                    if (!tasks.TryGetValue(update.Stage, out var task))
                    {
                        task = context.AddTask(update.Stage, maxValue: Math.Max(update.Total, 1));
                        if (update.Total == 0) task.IsIndeterminate = true;
                        tasks[update.Stage] = task;
                    }
                    if (update.Detail is not null) task.Description = $"{Markup.Escape(update.Stage)} [grey]{Markup.Escape(update.Detail)}[/]";
                    if (update.Total > 0)
                    {
                        task.IsIndeterminate = false;
                        task.MaxValue = update.Total;
                        task.Value = update.Done;
                    }
                });
                result = work(progress);
                foreach (var task in tasks.Values) { task.IsIndeterminate = false; task.Value = task.MaxValue; }
            });
        return result;
    }

    private sealed class LineProgress(IAnsiConsole console) : IProgress<WorkflowProgress>
    {
        private readonly System.Diagnostics.Stopwatch _clock = new();
        private string? _stage;

        public void Report(WorkflowProgress value)
        {
            if (value.Stage != _stage)
            {
                _stage = value.Stage;
                _clock.Restart();
            }
            if (value.Detail is not null)
                console.MarkupLineInterpolated($"[grey]{value.Stage}: {value.Detail}[/]");
            else if (value.Total > 0 && value.Done == value.Total)
                console.MarkupLineInterpolated($"[grey]{value.Stage}: {value.Done}/{value.Total} done in {_clock.Elapsed.TotalSeconds:F1} s[/]");
        }
    }
}
