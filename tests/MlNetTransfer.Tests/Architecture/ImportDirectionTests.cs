using System.Text.RegularExpressions;

namespace MlNetTransfer.Tests.Architecture;

/// <summary>
/// Imports run one way: Cli -&gt; Workflows -&gt; components (Featurizers, Heads, Engine, Text, Backbones, Datasets, FeatureSpace) -&gt;
/// Common / root -&gt; ML.NET. The graph is read from the sources under src/: <c>using MlNetTransfer.X;</c> lines
/// (global ones count for every namespace of their project) and qualified references (<c>MlNetTransfer.X.Y</c>, or
/// <c>X.Type</c> where <c>Type</c> is declared in <c>MlNetTransfer.X</c>), comments and string literals left out.
/// Nested namespaces count as their component (<c>MlNetTransfer.Cli.Commands</c> is <c>MlNetTransfer.Cli</c>).
/// </summary>
public partial class ImportDirectionTests
{
    private const string Workflows = "MlNetTransfer.Workflows";
    private const string Cli = "MlNetTransfer.Cli";

    [Fact]
    public void Library_namespaces_import_neither_Workflows_nor_the_Cli()
    {
        var graph = ImportGraph.Read(TestData.RepoRoot());
        var wrong = graph.Edges
            .Where(e => graph.IsLibrary(e.From) && e.From != Workflows && (e.To == Workflows || e.To == Cli)
                        || graph.IsLibrary(e.From) && e.To == Cli)
            .Select(e => e.ToString())
            .Distinct()
            .ToList();
        Assert.True(wrong.Count == 0, "Imports against the direction Cli -> Workflows -> components -> Common:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Namespaces_import_each_other_without_a_cycle()
    {
        var graph = ImportGraph.Read(TestData.RepoRoot());
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0, "Import cycles between namespaces:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void The_graph_sees_usings_and_qualified_references()
    {
        // Guards the parser: without edges the two tests above would pass vacuously.
        var graph = ImportGraph.Read(TestData.RepoRoot());
        Assert.Contains(graph.Edges, e => e.From == Workflows && e.To == "MlNetTransfer.Engine");
        Assert.Contains(graph.Edges, e => e.From == Cli && e.To == Workflows);
        Assert.Contains(graph.Edges, e => e.From == "MlNetTransfer.Engine" && e.To == "MlNetTransfer.Featurizers");
        Assert.True(graph.IsLibrary("MlNetTransfer.Engine"));
        Assert.False(graph.IsLibrary(Cli));
    }

    private sealed record Edge(string From, string To, string File)
    {
        public override string ToString() => $"{From} -> {To} ({File})";
    }

    private sealed partial class ImportGraph
    {
        private readonly HashSet<string> _library = [];

        public List<Edge> Edges { get; } = [];

        public bool IsLibrary(string ns) => _library.Contains(ns);

        public static ImportGraph Read(string root)
        {
            var graph = new ImportGraph();
            var src = Path.Combine(root, "src");
            var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
                .Select(f =>
                {
                    var relative = Path.GetRelativePath(root, f).Replace('\\', '/');
                    var project = Path.GetRelativePath(src, f).Split(Path.DirectorySeparatorChar)[0];
                    var code = CodeOnly(File.ReadAllText(f));
                    var declared = NamespaceDeclaration().Match(code);
                    var ns = declared.Success ? Component(declared.Groups[1].Value) : project;
                    return (Path: relative, Project: project, Namespace: ns, Code: code);
                })
                .ToList();
            foreach (var f in files.Where(f => f.Project == "MlNetTransfer")) graph._library.Add(f.Namespace);

            // Which component declares each type name, for partly qualified references such as Workflows.AtomicFile.
            var typesOf = files
                .SelectMany(f => TypeDeclaration().Matches(f.Code).Select(m => (f.Namespace, Type: m.Groups[1].Value)))
                .ToLookup(t => t.Namespace, t => t.Type);
            var components = files.Select(f => f.Namespace).Where(n => n.StartsWith("MlNetTransfer.", StringComparison.Ordinal)).ToHashSet();

            foreach (var f in files)
            {
                var targets = new HashSet<string>();
                foreach (Match m in UsingDirective().Matches(f.Code))
                {
                    var to = Component(m.Groups["ns"].Value);
                    if (m.Groups["global"].Success)
                    {
                        foreach (var other in files.Where(o => o.Project == f.Project).Select(o => o.Namespace).Distinct())
                            if (other != to) graph.Edges.Add(new Edge(other, to, f.Path));
                    }
                    else targets.Add(to);
                }
                foreach (Match m in FullyQualified().Matches(f.Code))
                    targets.Add("MlNetTransfer." + m.Groups[1].Value);
                foreach (Match m in PartlyQualified().Matches(f.Code))
                {
                    var to = "MlNetTransfer." + m.Groups[1].Value;
                    if (components.Contains(to) && typesOf[to].Contains(m.Groups[2].Value)) targets.Add(to);
                }
                foreach (var to in targets.Where(t => t != f.Namespace && (t == "MlNetTransfer" || components.Contains(t))))
                    graph.Edges.Add(new Edge(f.Namespace, to, f.Path));
            }
            return graph;
        }

        /// <summary>Every cycle found by a depth-first walk, as "A -> B -> A" with the files that make each edge.</summary>
        public List<string> Cycles()
        {
            var next = Edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.DistinctBy(e => e.To).ToList());
            var cycles = new List<string>();
            var state = new Dictionary<string, int>(); // 1: on the path, 2: done
            var path = new List<Edge>();
            void Visit(string node)
            {
                state[node] = 1;
                foreach (var edge in next.GetValueOrDefault(node) ?? [])
                {
                    if (state.GetValueOrDefault(edge.To) == 1)
                    {
                        var start = path.FindIndex(e => e.From == edge.To);
                        var loop = (start < 0 ? [] : path[start..]).Append(edge).ToList();
                        cycles.Add(string.Join(" -> ", loop.Select(e => e.From).Append(edge.To))
                                   + "  [" + string.Join("; ", loop.Select(e => e.ToString())) + "]");
                    }
                    else if (state.GetValueOrDefault(edge.To) == 0)
                    {
                        path.Add(edge);
                        Visit(edge.To);
                        path.RemoveAt(path.Count - 1);
                    }
                }
                state[node] = 2;
            }
            foreach (var node in next.Keys.Order(StringComparer.Ordinal))
                if (state.GetValueOrDefault(node) == 0) Visit(node);
            return cycles;
        }

        /// <summary><c>MlNetTransfer.Cli.Commands</c> -&gt; <c>MlNetTransfer.Cli</c>; the root stays the root.</summary>
        private static string Component(string ns) => string.Join('.', ns.Split('.').Take(2));

        /// <summary>The code with comments, string and char literals blanked out (contract names look like namespaces).</summary>
        private static string CodeOnly(string source) =>
            CommentOrLiteral().Replace(source, m => m.Value.StartsWith("//", StringComparison.Ordinal) || m.Value.StartsWith("/*", StringComparison.Ordinal)
                ? new string(m.Value.Where(c => c == '\n').ToArray())
                : "\"\"");

        [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@""(?:[^""]|"""")*""|\$?""(?:[^""\\\n]|\\.)*""|'(?:[^'\\\n]|\\.)+'", RegexOptions.Singleline)]
        private static partial Regex CommentOrLiteral();

        [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
        private static partial Regex NamespaceDeclaration();

        [GeneratedRegex(@"^\s*(?<global>global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?<ns>MlNetTransfer(?:\.\w+)*)\s*;", RegexOptions.Multiline)]
        private static partial Regex UsingDirective();

        [GeneratedRegex(@"(?<![\w.])MlNetTransfer\.([A-Z]\w*)\.")]
        private static partial Regex FullyQualified();

        [GeneratedRegex(@"(?<![\w.])([A-Z]\w*)\.([A-Z]\w*)\b")]
        private static partial Regex PartlyQualified();

        [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(?:struct\s+|class\s+)?([A-Z]\w*)")]
        private static partial Regex TypeDeclaration();
    }
}
