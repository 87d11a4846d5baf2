using Microsoft.Data.Sqlite;

namespace MlNetTransfer.Engine;

/// <summary>
/// Embeddings kept on disk between runs, in SQLite (WAL journal, so several processes can read and write one cache and
/// a killed process loses at most its open transaction, one batch). A key names the input's content, the backbone file
/// and the preprocessing (see <see cref="BatchedImageEmbedder"/>); a value is the embedding's float32 bytes.
/// </summary>
public sealed class EmbeddingCache : IDisposable
{
    /// <summary>The database file inside a cache folder.</summary>
    public const string FileName = "embeddings.sqlite";

    private readonly SqliteConnection _connection;

    private EmbeddingCache(string directory, SqliteConnection connection)
    {
        Directory = directory;
        _connection = connection;
    }

    /// <summary>Absolute path of the cache folder passed to <see cref="Open"/>.</summary>
    public string Directory { get; }

    /// <summary>Absolute path of the SQLite database, <see cref="Directory"/>/<c>embeddings.sqlite</c>; its <c>-wal</c> and <c>-shm</c> files lie next to it.</summary>
    public string DatabasePath => Path.Combine(Directory, FileName);

    /// <summary>$XDG_CACHE_HOME/mlnet-transfer, else ~/.cache/mlnet-transfer (the platform's local app data folder elsewhere).</summary>
    public static string DefaultDirectory
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (!string.IsNullOrWhiteSpace(xdg)) return Path.Combine(xdg, "mlnet-transfer");
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return OperatingSystem.IsWindows() || string.IsNullOrEmpty(home)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "mlnet-transfer", "cache")
                : Path.Combine(home, ".cache", "mlnet-transfer");
        }
    }

    /// <summary>Opens (creating if needed) the cache in <paramref name="directory"/>.</summary>
    public static EmbeddingCache Open(string directory)
    {
        var full = Path.GetFullPath(directory);
        try
        {
            System.IO.Directory.CreateDirectory(full);
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(full, FileName),
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
                DefaultTimeout = 60,
            }.ToString());
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=60000;" +
                "CREATE TABLE IF NOT EXISTS embeddings (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;");
            return new EmbeddingCache(full, connection);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"Cannot open the embedding cache in '{full}': {e.Message}", e);
        }
    }

    /// <summary>The cached embeddings among <paramref name="keys"/>.</summary>
    public Dictionary<string, float[]> Get(IReadOnlyCollection<string> keys)
    {
        var found = new Dictionary<string, float[]>(StringComparer.Ordinal);
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT value FROM embeddings WHERE key = $key";
        var parameter = command.Parameters.Add("$key", SqliteType.Text);
        foreach (var key in keys.Distinct())
        {
            parameter.Value = key;
            if (command.ExecuteScalar() is byte[] bytes)
            {
                var values = new float[bytes.Length / sizeof(float)];
                Buffer.BlockCopy(bytes, 0, values, 0, values.Length * sizeof(float));
                found[key] = values;
            }
        }
        return found;
    }

    /// <summary>Stores embeddings in one transaction (all or none).</summary>
    public void Put(IEnumerable<(string Key, float[] Embedding)> entries)
    {
        using var transaction = _connection.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR REPLACE INTO embeddings (key, value) VALUES ($key, $value)";
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var value = command.Parameters.Add("$value", SqliteType.Blob);
        foreach (var (k, embedding) in entries)
        {
            var bytes = new byte[embedding.Length * sizeof(float)];
            Buffer.BlockCopy(embedding, 0, bytes, 0, bytes.Length);
            key.Value = k;
            value.Value = bytes;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>Number of embeddings and the size of the database files in bytes.</summary>
    public (long Entries, long Bytes) Info()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM embeddings";
        var entries = (long)command.ExecuteScalar()!;
        var bytes = System.IO.Directory.GetFiles(Directory, FileName + "*").Sum(f => new FileInfo(f).Length);
        return (entries, bytes);
    }

    /// <summary>Deletes every embedding and returns how many there were.</summary>
    public long Clear()
    {
        var (entries, _) = Info();
        Execute(_connection, "DELETE FROM embeddings; PRAGMA wal_checkpoint(TRUNCATE);");
        Execute(_connection, "VACUUM;");
        return entries;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Closes the database connection (connections are not pooled, so the files are released at once).</summary>
    public void Dispose() => _connection.Dispose();
}
