using System.Diagnostics;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Passes progress on to an inner reporter (which may be null) and times each stage: a stage runs from its first report
/// to the first report of another stage. A stage reported again later (rare) adds its new span to its time.
/// </summary>
internal sealed class StageClock(IProgress<WorkflowProgress>? inner) : IProgress<WorkflowProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Stage, double Seconds)> _stages = [];
    private string? _current;
    private double _currentStart;

    /// <inheritdoc />
    public void Report(WorkflowProgress value)
    {
        if (value.Stage != _current)
        {
            Close();
            _current = value.Stage;
            _currentStart = _clock.Elapsed.TotalSeconds;
        }
        inner?.Report(value);
    }

    /// <summary>The stages so far, in first-seen order, the current one timed up to now.</summary>
    public IReadOnlyList<StageTime> Times()
    {
        Close();
        if (_current is not null) _currentStart = _clock.Elapsed.TotalSeconds;
        return _stages.GroupBy(s => s.Stage).Select(g => new StageTime(g.Key, g.Sum(s => s.Seconds))).ToList();
    }

    private void Close()
    {
        if (_current is null) return;
        _stages.Add((_current, _clock.Elapsed.TotalSeconds - _currentStart));
        _currentStart = _clock.Elapsed.TotalSeconds;
    }
}
