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
// Colours and live progress only on a terminal: in a file, a pipe or CI's log the output is plain text (CliApp also turns
// wrapping off there); questions are asked only when both ends are a terminal, so nothing ever waits on a script's stdin.
var redirected = Console.IsOutputRedirected;
var console = AnsiConsole.Create(new AnsiConsoleSettings
{
    Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
    ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
    Interactive = redirected || Console.IsInputRedirected ? InteractionSupport.No : InteractionSupport.Detect,
});
return CliApp.Run(args, console, Console.Error, cancellation.Token);
