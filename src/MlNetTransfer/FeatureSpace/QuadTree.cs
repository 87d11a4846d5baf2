namespace MlNetTransfer.FeatureSpace;

/// <summary>
/// The Barnes-Hut quadtree of a 2-D embedding (van der Maaten 2014, "Accelerating t-SNE using tree-based algorithms",
/// JMLR 15; scikit-learn's <c>_QuadTree</c>): each cell holds its points' count and centre of mass; a cell is split into
/// four at its box's midpoint until it holds one point (or points that all coincide, or 48 levels deep). Rebuilt every
/// iteration into the same arrays; points are partitioned stably, so the tree depends only on the positions.
/// <see cref="Repulsion"/> sums the t-SNE repulsion on one point, a cell standing for its points when
/// (its box's largest side)² &lt; θ² · (distance to its centre of mass)², scikit-learn's criterion.
/// </summary>
internal sealed class QuadTree
{
    private const int MaxDepth = 48;

    private struct Cell
    {
        public double X, Y;          // centre of mass
        public double SquaredWidth;  // (largest side of the cell's box)²
        public int Count;            // points in the cell
        public int FirstChild;       // its four children are FirstChild..FirstChild+3; -1 for a leaf
        public int Start;            // a leaf's points are _points[Start..Start+Count)
    }

    private readonly int[] _points;
    private readonly int[] _scratch;
    private Cell[] _cells;
    private int _cellCount;
    private double[] _y = [];

    /// <summary>A tree for embeddings of <paramref name="n"/> points.</summary>
    public QuadTree(int n)
    {
        _points = new int[n];
        _scratch = new int[n];
        _cells = new Cell[Math.Max(64, 4 * n)];
    }

    /// <summary>Number of cells of the last build (root included, empty children too).</summary>
    public int CellCount => _cellCount;

    /// <summary>Builds the tree of <paramref name="y"/>: n points interleaved x0, y0, x1, y1, … (kept, not copied, until the next build).</summary>
    public void Build(double[] y)
    {
        _y = y;
        var n = _points.Length;
        double minX = double.PositiveInfinity, maxX = double.NegativeInfinity, minY = double.PositiveInfinity, maxY = double.NegativeInfinity;
        for (var i = 0; i < n; i++)
        {
            _points[i] = i;
            minX = Math.Min(minX, y[2 * i]);
            maxX = Math.Max(maxX, y[2 * i]);
            minY = Math.Min(minY, y[2 * i + 1]);
            maxY = Math.Max(maxY, y[2 * i + 1]);
        }
        _cellCount = 1;
        BuildCell(0, minX, maxX, minY, maxY, 0, n, 0);
    }

    private void BuildCell(int cell, double x0, double x1, double y0, double y1, int start, int count, int depth)
    {
        double sx = 0, sy = 0;
        var same = true;
        for (var m = start; m < start + count; m++)
        {
            var p = _points[m];
            sx += _y[2 * p];
            sy += _y[2 * p + 1];
            same &= _y[2 * p] == _y[2 * _points[start]] && _y[2 * p + 1] == _y[2 * _points[start] + 1];
        }
        var width = Math.Max(x1 - x0, y1 - y0);
        _cells[cell] = new Cell
        {
            X = count > 0 ? sx / count : 0,
            Y = count > 0 ? sy / count : 0,
            SquaredWidth = width * width,
            Count = count,
            FirstChild = -1,
            Start = start,
        };
        if (count <= 1 || same || depth >= MaxDepth) return;

        // Stable partition into quadrants 0 (left, bottom), 1 (right, bottom), 2 (left, top), 3 (right, top).
        double midX = (x0 + x1) / 2, midY = (y0 + y1) / 2;
        Span<int> sizes = stackalloc int[4];
        for (var m = start; m < start + count; m++) sizes[Quadrant(_points[m], midX, midY)]++;
        Span<int> offsets = stackalloc int[4];
        for (var q = 1; q < 4; q++) offsets[q] = offsets[q - 1] + sizes[q - 1];
        Span<int> fill = stackalloc int[4];
        offsets.CopyTo(fill);
        for (var m = start; m < start + count; m++)
        {
            var p = _points[m];
            _scratch[start + fill[Quadrant(p, midX, midY)]++] = p;
        }
        Array.Copy(_scratch, start, _points, start, count);

        var first = _cellCount;
        _cellCount += 4;
        if (_cellCount > _cells.Length) Array.Resize(ref _cells, Math.Max(_cellCount, 2 * _cells.Length));
        _cells[cell].FirstChild = first;
        BuildCell(first, x0, midX, y0, midY, start + offsets[0], sizes[0], depth + 1);
        BuildCell(first + 1, midX, x1, y0, midY, start + offsets[1], sizes[1], depth + 1);
        BuildCell(first + 2, x0, midX, midY, y1, start + offsets[2], sizes[2], depth + 1);
        BuildCell(first + 3, midX, x1, midY, y1, start + offsets[3], sizes[3], depth + 1);
    }

    private int Quadrant(int p, double midX, double midY) => (_y[2 * p] >= midX ? 1 : 0) + (_y[2 * p + 1] >= midY ? 2 : 0);

    /// <summary>
    /// The repulsion on point <paramref name="i"/> from every other point: Σⱼ wᵢⱼ (returned; its sum over i is the
    /// normaliser Z) and Σⱼ wᵢⱼ² (yᵢ - yⱼ) in <paramref name="forceX"/>, <paramref name="forceY"/>, with
    /// wᵢⱼ = 1 / (1 + |yᵢ - yⱼ|²), cells far enough (see the class) taken as one point of their count at their centre of mass.
    /// </summary>
    public double Repulsion(int i, double squaredTheta, out double forceX, out double forceY)
    {
        var cells = _cells;
        var y = _y;
        double px = y[2 * i], py = y[2 * i + 1];
        double z = 0, fx = 0, fy = 0;
        Span<int> stack = stackalloc int[3 * MaxDepth + 8];
        var top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            ref readonly var cell = ref cells[stack[--top]];
            if (cell.Count == 0) continue;
            if (cell.FirstChild < 0)
            {
                for (var m = cell.Start; m < cell.Start + cell.Count; m++)
                {
                    var p = _points[m];
                    if (p == i) continue;
                    double dx = px - y[2 * p], dy = py - y[2 * p + 1];
                    var w = 1.0 / (1.0 + dx * dx + dy * dy);
                    z += w;
                    var w2 = w * w;
                    fx += w2 * dx;
                    fy += w2 * dy;
                }
                continue;
            }
            double cx = px - cell.X, cy = py - cell.Y;
            var d2 = cx * cx + cy * cy;
            if (cell.SquaredWidth < squaredTheta * d2)
            {
                var w = 1.0 / (1.0 + d2);
                z += cell.Count * w;
                var mult = cell.Count * w * w;
                fx += mult * cx;
                fy += mult * cy;
            }
            else
            {
                for (var c = 3; c >= 0; c--) stack[top++] = cell.FirstChild + c;
            }
        }
        forceX = fx;
        forceY = fy;
        return z;
    }
}
