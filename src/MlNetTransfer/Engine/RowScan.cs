using Microsoft.ML;

namespace MlNetTransfer.Engine;

/// <summary>
/// Walks a transformed view row by row, reporting progress and turning a failure inside the cursor (a corrupt image,
/// say) into a <see cref="UserInputException"/>. ML.NET reads ahead, so the row being consumed when a failure surfaces
/// is only a lower bound: the diagnose callback gets it and names the real culprit (null: not found). A programming
/// error (<see cref="IsBug"/>) that no input explains propagates unchanged: it is a bug, not a user error.
/// </summary>
internal static class RowScan
{
    public static void ForEach(IDataView view, IReadOnlyList<string> ids, IEnumerable<string> columns, string stage,
        Action<DataViewRow, int> onRow, IProgress<WorkflowProgress>? progress, CancellationToken cancellation,
        Func<int, string?>? diagnose = null)
    {
        var needed = columns.Select(c => view.Schema[c]).ToList();
        var row = 0;
        progress?.Report(new WorkflowProgress(stage, 0, ids.Count));
        try
        {
            using var cursor = view.GetRowCursor(needed);
            while (cursor.MoveNext())
            {
                cancellation.ThrowIfCancellationRequested();
                onRow(cursor, row);
                row++;
                progress?.Report(new WorkflowProgress(stage, row, ids.Count));
            }
        }
        catch (Exception e) when (e is not (UserInputException or OperationCanceledException))
        {
            var culprit = diagnose?.Invoke(row);
            if (culprit is null && IsBug(e)) throw;
            throw new UserInputException(culprit is not null
                ? MessageText.Capitalized(culprit) + "."
                : $"{stage} failed at or after '{(row < ids.Count ? ids[row] : $"row {row + 1}")}': {Innermost(e).Message}", e);
        }
    }

    /// <summary>
    /// Exceptions that only a mistake in code raises: ours in the onRow callback, or a component misused. ML.NET reports
    /// unreadable data (a corrupt or missing image, a bad value) as <see cref="InvalidOperationException"/>,
    /// <see cref="FormatException"/>, <see cref="IOException"/> or a plain <see cref="ArgumentException"/> from the
    /// decoder, sometimes wrapped, so those stay user errors; this looks at the thrown exception only, not at what it wraps.
    /// </summary>
    internal static bool IsBug(Exception e) => e is NullReferenceException or IndexOutOfRangeException or InvalidCastException
        or ArgumentNullException or ArgumentOutOfRangeException or ArrayTypeMismatchException or DivideByZeroException
        or NotImplementedException or KeyNotFoundException;

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}
