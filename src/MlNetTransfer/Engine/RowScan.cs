using Microsoft.ML;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Engine;

/// <summary>
/// Walks a transformed view row by row, reporting progress and turning a failure inside the cursor (a corrupt image,
/// say) into a <see cref="UserInputException"/> that names the row's id.
/// </summary>
internal static class RowScan
{
    public static void ForEach(IDataView view, IReadOnlyList<string> ids, IEnumerable<string> columns, string stage,
        Action<DataViewRow, int> onRow, IProgress<WorkflowProgress>? progress, CancellationToken cancellation)
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
            var id = row < ids.Count ? ids[row] : $"row {row + 1}";
            throw new UserInputException($"Could not process '{id}': {Innermost(e).Message}", e);
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}
