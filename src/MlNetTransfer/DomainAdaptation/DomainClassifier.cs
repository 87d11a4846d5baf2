using System.Numerics.Tensors;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// The domain classifier of <see cref="ShiftDiagnostics"/>: L2-regularised logistic regression in double, as
/// scikit-learn's <c>LogisticRegression(C=1)</c> (minimises Σ log-loss + ½‖w‖², intercept not penalised), fitted by
/// L-BFGS (10 corrections, backtracking Armijo line search, at most 200 iterations), on features standardised with the
/// training fold's mean and population std; and the ROC AUC with ties counted half.
/// </summary>
internal static class DomainClassifier
{
    /// <summary>
    /// The inverse regularisation strength C (scikit-learn's default): the objective is C Σ log-loss + ½‖w‖². Stronger
    /// regularisation (C 0.1 to 0.001) did not remove the low bias of cross-validated AUC on small same-domain halves
    /// (it made it larger: ResNet18 embeddings of 50 + 50 Fashion-MNIST test images, AUC 0.29-0.40 at C = 1, 0.22-0.36 at C = 0.001).
    /// </summary>
    private const double C = 1;

    /// <summary>
    /// Out-of-fold probabilities that each row is a target row: rows [0, m) are source, [m, 2m) target; stratified
    /// k-fold (each domain's rows shuffled with <paramref name="random"/>, fold = position mod k).
    /// </summary>
    public static double[] OutOfFoldScores(double[][] rows, int m, int folds, Random random, CancellationToken cancellation)
    {
        var fold = new int[rows.Length];
        foreach (var start in new[] { 0, m })
        {
            var order = Enumerable.Range(start, m).ToArray();
            random.Shuffle(order);
            for (var p = 0; p < order.Length; p++) fold[order[p]] = p % folds;
        }
        var scores = new double[rows.Length];
        var d = rows[0].Length;
        for (var f = 0; f < folds; f++)
        {
            cancellation.ThrowIfCancellationRequested();
            var train = Enumerable.Range(0, rows.Length).Where(i => fold[i] != f).ToArray();
            var mean = new double[d];
            var std = new double[d];
            foreach (var i in train) TensorPrimitives.Add(mean, rows[i], mean);
            TensorPrimitives.Divide(mean, train.Length, mean);
            foreach (var i in train)
                for (var j = 0; j < d; j++) std[j] += (rows[i][j] - mean[j]) * (rows[i][j] - mean[j]);
            for (var j = 0; j < d; j++)
            {
                std[j] = Math.Sqrt(std[j] / train.Length);
                if (!(std[j] > 1e-12)) std[j] = 1;
            }
            double[] Standardized(int i)
            {
                var x = new double[d];
                TensorPrimitives.Subtract(rows[i], mean, x);
                TensorPrimitives.Divide(x, std, x);
                return x;
            }
            var x = train.Select(Standardized).ToArray();
            var y = train.Select(i => i >= m ? 1.0 : 0.0).ToArray();
            var (w, b) = Fit(x, y);
            for (var i = 0; i < rows.Length; i++)
                if (fold[i] == f) scores[i] = Sigmoid(TensorPrimitives.Dot<double>(Standardized(i), w) + b);
        }
        return scores;
    }

    /// <summary>L2 logistic regression (C = 1) of labels <paramref name="y"/> (0 or 1) on <paramref name="x"/>: weights and intercept.</summary>
    public static (double[] Weights, double Intercept) Fit(double[][] x, double[] y)
    {
        var d = x[0].Length;
        var theta = new double[d + 1];
        var gradient = new double[d + 1];
        var loss = Objective(x, y, theta, gradient);
        const int memory = 10;
        var s = new List<double[]>();
        var yk = new List<double[]>();
        var direction = new double[d + 1];
        for (var iteration = 0; iteration < 200; iteration++)
        {
            if (Math.Abs(TensorPrimitives.MaxMagnitude<double>(gradient)) < 1e-6 * Math.Max(1, x.Length)) break;
            // Two-loop recursion: direction = −H·g.
            gradient.CopyTo(direction, 0);
            var alpha = new double[s.Count];
            for (var k = s.Count - 1; k >= 0; k--)
            {
                alpha[k] = TensorPrimitives.Dot<double>(s[k], direction) / TensorPrimitives.Dot<double>(yk[k], s[k]);
                TensorPrimitives.MultiplyAdd(yk[k], -alpha[k], direction, direction);
            }
            var gamma = s.Count > 0 ? TensorPrimitives.Dot<double>(s[^1], yk[^1]) / TensorPrimitives.Dot<double>(yk[^1], yk[^1]) : 1 / Math.Max(1, Math.Sqrt(TensorPrimitives.SumOfSquares<double>(gradient)));
            TensorPrimitives.Multiply(direction, gamma, direction);
            for (var k = 0; k < s.Count; k++)
            {
                var beta = TensorPrimitives.Dot<double>(yk[k], direction) / TensorPrimitives.Dot<double>(yk[k], s[k]);
                TensorPrimitives.MultiplyAdd(s[k], alpha[k] - beta, direction, direction);
            }
            TensorPrimitives.Negate<double>(direction, direction);
            var slope = TensorPrimitives.Dot<double>(direction, gradient);
            if (slope >= 0)
            {
                TensorPrimitives.Negate<double>(gradient, direction);
                slope = TensorPrimitives.Dot<double>(direction, gradient);
                s.Clear();
                yk.Clear();
            }
            var step = 1.0;
            var next = new double[d + 1];
            var nextGradient = new double[d + 1];
            double nextLoss;
            while (true)
            {
                TensorPrimitives.MultiplyAdd(direction, step, theta, next);
                nextLoss = Objective(x, y, next, nextGradient);
                if (nextLoss <= loss + 1e-4 * step * slope || step < 1e-12) break;
                step /= 2;
            }
            var sk = new double[d + 1];
            var ykNew = new double[d + 1];
            TensorPrimitives.Subtract(next, theta, sk);
            TensorPrimitives.Subtract(nextGradient, gradient, ykNew);
            var improvement = loss - nextLoss;
            theta = next;
            gradient = nextGradient;
            loss = nextLoss;
            if (TensorPrimitives.Dot<double>(sk, ykNew) > 1e-12)
            {
                s.Add(sk);
                yk.Add(ykNew);
                if (s.Count > memory)
                {
                    s.RemoveAt(0);
                    yk.RemoveAt(0);
                }
            }
            if (improvement <= 1e-10 * Math.Max(1, Math.Abs(loss))) break;
        }
        return (theta[..d], theta[d]);
    }

    /// <summary>Σ log(1 + exp(−(2y − 1) z)) + ½‖w‖² and its gradient (intercept last in <paramref name="theta"/>).</summary>
    private static double Objective(double[][] x, double[] y, double[] theta, double[] gradient)
    {
        var d = x[0].Length;
        var w = theta.AsSpan(0, d);
        var b = theta[d];
        Array.Clear(gradient);
        double loss = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var z = TensorPrimitives.Dot<double>(x[i], w) + b;
            var margin = y[i] > 0.5 ? z : -z;
            loss += C * (margin > 0 ? Math.Log(1 + Math.Exp(-margin)) : -margin + Math.Log(1 + Math.Exp(margin)));
            var residual = C * (Sigmoid(z) - y[i]);
            TensorPrimitives.MultiplyAdd(x[i], residual, gradient.AsSpan(0, d), gradient.AsSpan(0, d));
            gradient[d] += residual;
        }
        TensorPrimitives.Add(gradient.AsSpan(0, d), w, gradient.AsSpan(0, d));
        return loss + 0.5 * TensorPrimitives.SumOfSquares<double>(w);
    }

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>
    /// Area under the ROC curve of <paramref name="scores"/> for <paramref name="positive"/> rows (Mann–Whitney U with
    /// average ranks for ties: scikit-learn's <c>roc_auc_score</c>); NaN when either class is empty.
    /// </summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        var n = scores.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => scores[i]).ToArray();
        var ranks = new double[n];
        for (var start = 0; start < n;)
        {
            var end = start;
            while (end + 1 < n && scores[order[end + 1]] == scores[order[start]]) end++;
            var rank = (start + end) / 2.0 + 1;
            for (var p = start; p <= end; p++) ranks[order[p]] = rank;
            start = end + 1;
        }
        double positives = positive.Count(p => p), negatives = n - positives, sum = 0;
        for (var i = 0; i < n; i++)
            if (positive[i]) sum += ranks[i];
        return positives == 0 || negatives == 0 ? double.NaN : (sum - positives * (positives + 1) / 2) / (positives * negatives);
    }
}
