using MlNetTransfer.Cli;
using Spectre.Console;

// No telemetry events from ONNX Runtime. (Its Linux build still writes one fixed-name session file, $TMPDIR/.ses, when it starts.)
Microsoft.ML.OnnxRuntime.OrtEnv.Instance().DisableTelemetryEvents();

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // stop between rows/batches instead of killing the process mid-write
    cancellation.Cancel();
};
return CliApp.Run(args, AnsiConsole.Console, Console.Error, cancellation.Token);
