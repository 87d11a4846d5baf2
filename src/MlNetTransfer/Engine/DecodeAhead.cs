using System.Runtime.ExceptionServices;

namespace MlNetTransfer.Engine;

/// <summary>
/// Produces items 0..<c>count</c>-1 on a fixed set of long-lived background threads ahead of one consumer and hands them
/// back strictly in index order: at most <see cref="Ahead"/> items are being produced or wait to be taken (plus the one the
/// consumer holds), so memory stays flat however many items there are. The consumer may change <see cref="Ahead"/> between
/// items (1 .. <c>maxAhead</c>). A failure of item i surfaces, unchanged, from the <see cref="Next"/> call that takes item i
/// (items before it are handed back first); <see cref="Dispose"/> cancels the items still running and waits until every
/// producer thread has ended, so no producer outlives the consumer's resources.
/// </summary>
/// <remarks>
/// At most <c>maxAhead</c> threads are ever created for one instance, started as <see cref="Ahead"/> first needs them and
/// kept for every later item: the number of threads (and whatever a thread holds: its stack, its allocation context, the
/// native allocator's per-thread arena and caches) does not grow with the number of items. One thread per item, as this
/// had before, left the process's resident memory climbing over a 20,000-image run (BENCHMARKS.md, "Memory"). The threads
/// are dedicated, not the thread pool's, so a consumer that blocks on a thread-pool thread (an async caller) cannot starve
/// its producers.
/// </remarks>
internal sealed class DecodeAhead<T> : IDisposable
{
    private readonly int _count;
    private readonly Func<int, CancellationToken, T> _produce;
    private readonly int _maxAhead;
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenRegistration _wakeOnStop;
    private readonly object _gate = new();
    private readonly Finished[] _finished; // item i waits in slot i % maxAhead: never more than maxAhead items between taken and started
    private readonly List<Thread> _workers = [];
    private int _nextToStart;
    private int _nextToTake;
    private int _ahead;
    private bool _disposed;

    /// <param name="count">Items to produce.</param>
    /// <param name="produce">Makes item i; called on a background thread, at most <c>maxAhead</c> at a time (item i + maxAhead
    /// starts only after item i was taken, so a resource indexed by i % maxAhead is never shared by two running calls); gets a token
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
        _finished = new Finished[maxAhead];
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        _wakeOnStop = _stop.Token.Register(WakeAll); // a waiting consumer or worker sees the cancellation at once
    }

    /// <summary>Items produced ahead of the consumer (running or done, not yet taken): 1 .. maxAhead, clamped.</summary>
    public int Ahead
    {
        get => _ahead;
        set
        {
            lock (_gate)
            {
                _ahead = Math.Clamp(value, 1, _maxAhead);
                StartWorkers();
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>The most items this ever had in flight at once: what the bound held.</summary>
    public int PeakInFlight { get; private set; }

    /// <summary>Producer threads created so far (never more than <c>maxAhead</c>, whatever the number of items).</summary>
    public int ThreadsStarted
    {
        get
        {
            lock (_gate) return _workers.Count;
        }
    }

    /// <summary>Item <c>i</c>, the next in order; blocks until it is produced and rethrows its failure.</summary>
    /// <exception cref="InvalidOperationException">Every item was taken.</exception>
    /// <exception cref="OperationCanceledException">The cancellation token was cancelled.</exception>
    public T Next()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_nextToTake >= _count) throw new InvalidOperationException($"All {_count} items were taken.");
        _stop.Token.ThrowIfCancellationRequested();
        Finished item;
        lock (_gate)
        {
            StartWorkers();
            ref var slot = ref _finished[_nextToTake % _maxAhead];
            while (!slot.Done)
            {
                _stop.Token.ThrowIfCancellationRequested();
                Monitor.Wait(_gate);
            }
            item = slot;
            slot = default;
            _nextToTake++;
            Monitor.PulseAll(_gate); // a place freed: the next item starts while the consumer uses this one
        }
        _stop.Token.ThrowIfCancellationRequested();
        item.Failure?.Throw();
        return item.Value!;
    }

    /// <summary>Under the lock: creates threads until as many exist as items may run at once (while items remain to start).</summary>
    private void StartWorkers()
    {
        while (_workers.Count < Math.Min(_ahead, _count) && _nextToStart < _count)
        {
            var worker = new Thread(Work) { IsBackground = true, Name = $"MlNetTransfer decode {_workers.Count + 1}" };
            _workers.Add(worker);
            worker.Start();
        }
    }

    private int InFlight() => _nextToStart - _nextToTake;

    /// <summary>A producer thread: takes the next item to start whenever the bound allows, until none is left or this is stopped.</summary>
    private void Work()
    {
        var token = _stop.Token;
        while (true)
        {
            int index;
            lock (_gate)
            {
                while (!token.IsCancellationRequested && _nextToStart < _count && InFlight() >= _ahead) Monitor.Wait(_gate);
                if (token.IsCancellationRequested || _nextToStart >= _count) return;
                index = _nextToStart++;
                PeakInFlight = Math.Max(PeakInFlight, InFlight());
            }
            Finished item;
            try
            {
                item = new Finished(true, _produce(index, token), null);
            }
            catch (Exception e)
            {
                item = new Finished(true, default, ExceptionDispatchInfo.Capture(e));
            }
            lock (_gate)
            {
                _finished[index % _maxAhead] = item;
                Monitor.PulseAll(_gate);
            }
        }
    }

    private void WakeAll()
    {
        lock (_gate) Monitor.PulseAll(_gate);
    }

    /// <summary>Cancels the items still being produced and waits until every producer thread has ended; their results and failures are dropped.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _stop.Cancel();
        List<Thread> workers;
        lock (_gate) workers = [.. _workers];
        foreach (var worker in workers) worker.Join();
        _wakeOnStop.Dispose();
        _stop.Dispose();
    }

    /// <summary>A produced item waiting to be taken: its value, or the failure that <see cref="Next"/> rethrows.</summary>
    private readonly record struct Finished(bool Done, T? Value, ExceptionDispatchInfo? Failure);
}
