namespace MlNetTransfer.Engine;

/// <summary>
/// Produces items 0..<c>count</c>-1 on background threads ahead of one consumer and hands them back strictly in index order:
/// at most <see cref="Ahead"/> items are being produced or wait to be taken (plus the one the consumer holds), so memory
/// stays flat however many items there are. The consumer may change <see cref="Ahead"/> between items (1 ..
/// <c>maxAhead</c>). A failure of item i surfaces, unchanged, from the <see cref="Next"/> call that takes item i (items
/// before it are handed back first); <see cref="Dispose"/> cancels the items still running and waits for them, so no
/// producer outlives the consumer's resources.
/// </summary>
/// <remarks>
/// Each item runs on a thread of its own (<see cref="TaskCreationOptions.LongRunning"/>), never queued behind the
/// thread pool's work, so a consumer that blocks on a thread-pool thread (an async caller) cannot starve its producers.
/// </remarks>
internal sealed class DecodeAhead<T> : IDisposable
{
    private readonly int _count;
    private readonly Func<int, CancellationToken, T> _produce;
    private readonly int _maxAhead;
    private readonly CancellationTokenSource _stop;
    private readonly Queue<Task<T>> _started = new();
    private int _nextToStart;
    private int _nextToTake;
    private int _ahead;

    /// <param name="count">Items to produce.</param>
    /// <param name="produce">Makes item i; called on a background thread, at most <c>maxAhead</c> at a time (item i + maxAhead
    /// starts only after item i finished, so a resource indexed by i % maxAhead is never shared by two running calls); gets a token
    /// that is cancelled when <paramref name="cancellation"/> is or the consumer disposes this.</param>
    /// <param name="maxAhead">The most items produced concurrently (and waiting): the bound on threads and memory.</param>
    /// <param name="cancellation">Stops producing.</param>
    public DecodeAhead(int count, Func<int, CancellationToken, T> produce, int maxAhead, CancellationToken cancellation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAhead, 1);
        _count = count;
        _produce = produce;
        _maxAhead = maxAhead;
        _ahead = 1;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
    }

    /// <summary>Items produced ahead of the consumer (running or done, not yet taken): 1 .. maxAhead, clamped.</summary>
    public int Ahead
    {
        get => _ahead;
        set => _ahead = Math.Clamp(value, 1, _maxAhead);
    }

    /// <summary>The most items this ever had in flight at once: what the bound held.</summary>
    public int PeakInFlight { get; private set; }

    /// <summary>Item <c>i</c>, the next in order; blocks until it is produced and rethrows its failure.</summary>
    /// <exception cref="InvalidOperationException">Every item was taken.</exception>
    public T Next()
    {
        if (_nextToTake >= _count) throw new InvalidOperationException($"All {_count} items were taken.");
        _stop.Token.ThrowIfCancellationRequested();
        Fill();
        var task = _started.Dequeue();
        _nextToTake++;
        var item = task.GetAwaiter().GetResult();
        Fill(); // a slot freed: the next item starts while the consumer uses this one
        return item;
    }

    private void Fill()
    {
        while (_started.Count < _ahead && _nextToStart < _count)
        {
            var index = _nextToStart++;
            var token = _stop.Token;
            _started.Enqueue(Task.Factory.StartNew(() => _produce(index, token), token, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        }
        PeakInFlight = Math.Max(PeakInFlight, _started.Count);
    }

    /// <summary>Cancels the items still being produced and waits until none runs; their results and failures are dropped.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        foreach (var task in _started)
        {
            try
            {
                task.Wait();
            }
            catch (AggregateException)
            {
                // cancelled or failed after the consumer stopped: nobody takes it
            }
        }
        _started.Clear();
        _stop.Dispose();
    }
}
