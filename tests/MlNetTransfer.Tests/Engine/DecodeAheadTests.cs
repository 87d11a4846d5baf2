using MlNetTransfer.Engine;

namespace MlNetTransfer.Tests.Engine;

/// <summary>
/// <see cref="DecodeAhead{T}"/>, the bounded ordered pool behind the image engine's decoding: items come back in order
/// whatever the producers' speed, never more than the bound run at once, a failure surfaces at its own item, and
/// disposing (after a failure or a cancellation) leaves no producer running.
/// </summary>
public sealed class DecodeAheadTests
{
    [Theory]
    [InlineData(3, 8)]  // more threads than items
    [InlineData(40, 3)]
    public void ItemsComeBackInOrder_AndNoMoreThanTheBoundRunAtOnce(int count, int maxAhead)
    {
        var running = 0;
        var peak = 0;
        string Produce(int i, CancellationToken _)
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            Thread.Sleep((count - i) % 4); // later items are often faster: order must not follow completion
            Interlocked.Decrement(ref running);
            return $"item {i}";
        }

        using var ahead = new DecodeAhead<string>(count, Produce, maxAhead, CancellationToken.None) { Ahead = maxAhead };
        var taken = Enumerable.Range(0, count).Select(_ => ahead.Next()).ToList();

        Assert.Equal(Enumerable.Range(0, count).Select(i => $"item {i}"), taken);
        Assert.InRange(peak, 1, maxAhead);
        Assert.InRange(ahead.PeakInFlight, 1, Math.Min(count, maxAhead));
        Assert.Throws<InvalidOperationException>(() => ahead.Next());
    }

    [Fact]
    public void AFailure_SurfacesAtItsOwnItem_AfterTheItemsBeforeIt()
    {
        using var ahead = new DecodeAhead<int>(10, (i, _) => i == 4 ? throw new FormatException("bad item 4") : i, 3, CancellationToken.None) { Ahead = 3 };
        for (var i = 0; i < 4; i++) Assert.Equal(i, ahead.Next());
        Assert.Equal("bad item 4", Assert.Throws<FormatException>(() => ahead.Next()).Message);
    }

    [Fact]
    public void Cancelling_StopsTheConsumer_AndDisposeWaitsForEveryProducer()
    {
        using var cancel = new CancellationTokenSource();
        var running = 0;
        var produced = 0;
        int Produce(int i, CancellationToken token)
        {
            Interlocked.Increment(ref running);
            try
            {
                token.WaitHandle.WaitOne(i == 0 ? 0 : Timeout.Infinite); // item 0 is quick; the others wait for the cancellation
                token.ThrowIfCancellationRequested();
                Interlocked.Increment(ref produced);
                return i;
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }

        var ahead = new DecodeAhead<int>(100, Produce, 2, cancel.Token) { Ahead = 2 };
        Assert.Equal(0, ahead.Next());
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ahead.Next());
        ahead.Dispose();
        Assert.Equal(0, Volatile.Read(ref running));
        Assert.Equal(1, produced);
    }

    [Fact]
    public void ProducersRunOnAFixedSetOfThreads_WhateverTheNumberOfItems_AndEndWithDispose()
    {
        const int count = 300;
        const int maxAhead = 3;
        var threads = new System.Collections.Concurrent.ConcurrentDictionary<Thread, bool>(); // Thread objects by reference
        int Produce(int i, CancellationToken _)
        {
            threads.TryAdd(Thread.CurrentThread, Thread.CurrentThread.IsBackground);
            return i;
        }

        var ahead = new DecodeAhead<int>(count, Produce, maxAhead, CancellationToken.None) { Ahead = maxAhead };
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(i, ahead.Next());
            ahead.Ahead = 1 + i % maxAhead; // the engine changes the bound batch by batch
        }
        ahead.Dispose();

        // One thread per item (300 here) is what left a long run's memory climbing: the threads are created once and kept.
        Assert.InRange(threads.Count, 1, maxAhead);
        Assert.InRange(ahead.ThreadsStarted, threads.Count, maxAhead); // a thread started may find every item taken by the others and produce none
        Assert.All(threads, t => Assert.True(t.Value, "a producer thread must not keep the process alive"));
        Assert.All(threads.Keys, t => Assert.False(t.IsAlive));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
