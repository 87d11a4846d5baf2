namespace MlNetTransfer.Text;

/// <summary>
/// numpy's default <c>argsort</c> (kind='quicksort': an introsort, not stable) for 64-bit integers, step for step,
/// so that <c>max_features</c> breaks ties between equally frequent terms exactly as scikit-learn does with numpy
/// 1.24 (numpy versions that dispatch argsort to SIMD code may order ties differently).
/// Median-of-three partitioning, insertion sort below 16 elements, heapsort past 2·log2(n) levels.
/// </summary>
internal static class NumpyArgsort
{
    private const int SmallQuicksort = 15;

    public static int[] Argsort(long[] v)
    {
        var num = v.Length;
        var tosort = new int[num];
        for (var i = 0; i < num; i++) tosort[i] = i;
        if (num < 2) return tosort;
        var stack = new int[128];
        var depths = new int[64];
        var sp = 0;
        var dp = 0;
        var pl = 0;
        var pr = num - 1;
        var cdepth = MostSignificantBit(num) * 2;
        for (;;)
        {
            if (cdepth < 0)
            {
                HeapSort(v, tosort, pl, pr - pl + 1);
            }
            else
            {
                while (pr - pl > SmallQuicksort)
                {
                    var pm = pl + ((pr - pl) >> 1);
                    if (v[tosort[pm]] < v[tosort[pl]]) Swap(tosort, pm, pl);
                    if (v[tosort[pr]] < v[tosort[pm]]) Swap(tosort, pr, pm);
                    if (v[tosort[pm]] < v[tosort[pl]]) Swap(tosort, pm, pl);
                    var vp = v[tosort[pm]];
                    var pi = pl;
                    var pj = pr - 1;
                    Swap(tosort, pm, pj);
                    for (;;)
                    {
                        do ++pi; while (v[tosort[pi]] < vp);
                        do --pj; while (vp < v[tosort[pj]]);
                        if (pi >= pj) break;
                        Swap(tosort, pi, pj);
                    }
                    Swap(tosort, pi, pr - 1);
                    if (pi - pl < pr - pi)
                    {
                        stack[sp++] = pi + 1;
                        stack[sp++] = pr;
                        pr = pi - 1;
                    }
                    else
                    {
                        stack[sp++] = pl;
                        stack[sp++] = pi - 1;
                        pl = pi + 1;
                    }
                    depths[dp++] = --cdepth;
                }
                for (var pi = pl + 1; pi <= pr; ++pi)
                {
                    var vi = tosort[pi];
                    var vp = v[vi];
                    var pj = pi;
                    var pk = pi - 1;
                    while (pj > pl && vp < v[tosort[pk]]) tosort[pj--] = tosort[pk--];
                    tosort[pj] = vi;
                }
            }
            if (sp == 0) break;
            pr = stack[--sp];
            pl = stack[--sp];
            cdepth = depths[--dp];
        }
        return tosort;
    }

    private static int MostSignificantBit(int n)
    {
        var depth = 0;
        while ((n >>= 1) != 0) depth++;
        return depth;
    }

    private static void Swap(int[] a, int i, int j) => (a[i], a[j]) = (a[j], a[i]);

    /// <summary>numpy's <c>aheapsort_</c> on <paramref name="n"/> indices starting at <paramref name="start"/> (1-based heap).</summary>
    private static void HeapSort(long[] v, int[] tosort, int start, int n)
    {
        var a = start - 1;
        int i, j, tmp;
        for (var l = n >> 1; l > 0; --l)
        {
            tmp = tosort[a + l];
            for (i = l, j = l << 1; j <= n;)
            {
                if (j < n && v[tosort[a + j]] < v[tosort[a + j + 1]]) j += 1;
                if (v[tmp] < v[tosort[a + j]]) { tosort[a + i] = tosort[a + j]; i = j; j += j; }
                else break;
            }
            tosort[a + i] = tmp;
        }
        for (; n > 1;)
        {
            tmp = tosort[a + n];
            tosort[a + n] = tosort[a + 1];
            n -= 1;
            for (i = 1, j = 2; j <= n;)
            {
                if (j < n && v[tosort[a + j]] < v[tosort[a + j + 1]]) j++;
                if (v[tmp] < v[tosort[a + j]]) { tosort[a + i] = tosort[a + j]; i = j; j += j; }
                else break;
            }
            tosort[a + i] = tmp;
        }
    }
}
