using MlNetTransfer.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // stop between rows/batches instead of killing the process mid-write
    cancellation.Cancel();
};
return CliApp.Run(args, cancellation.Token);
