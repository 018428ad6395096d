using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Cais.Images.Metadata;

/// <summary>
/// The image metadata database (one SQLite file). Every change is one transaction
/// (<see cref="Write{T}"/>, BEGIN IMMEDIATE so writers queue instead of deadlocking), so a crash
/// at any instant leaves a consistent store. Several processes may open it at once.
/// </summary>
public sealed partial class MetadataStore : IDisposable
{
    readonly SqliteConnection connection;

    /// <summary>
    /// One SQLite connection serves every thread of the daemon, and it allows one statement or
    /// transaction at a time: writes and queries take this (re-entrant) lock for their duration.
    /// </summary>
    readonly Lock gate = new();

    /// <summary>
    /// The write transaction the lock's holder has open, if any: a query or a nested write made
    /// inside <see cref="Write{T}"/> (on its thread) must run in it, since SQLite refuses a
    /// statement outside the pending transaction of its connection.
    /// </summary>
    SqliteTransaction? current;

    public MetadataStore(string path)
    {
        SqliteLibrary.EnsureInitialized();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30, Pooling = false,
        }.ToString());
        connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
        Migrate();
    }

    void Migrate()
    {
        long version = (long)Scalar("PRAGMA user_version;")!;
        if (version > Schema.Version)
            throw new InvalidDataException($"the image database {connection.DataSource} is version {version}; this cais knows up to {Schema.Version}");
        if (version == Schema.Version) return;
        Write(tx =>
        {
            if (version < 1) tx.Execute(Schema.V1);
            if (version < 2) tx.Execute(Schema.V2);
            tx.Execute($"PRAGMA user_version={Schema.Version};");
            return 0;
        });
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction; any exception rolls it all back.</summary>
    public T Write<T>(Func<MetadataTransaction, T> work)
    {
        lock (gate)
        {
            // A nested write joins the outer one: it commits, or rolls back, with it.
            if (current is not null) return work(new MetadataTransaction(connection, current));
            using var tx = connection.BeginTransaction(deferred: false);
            current = tx;
            try
            {
                var result = work(new MetadataTransaction(connection, tx));
                tx.Commit();
                return result;
            }
            finally
            {
                current = null;
            }
        }
    }

    void Execute(string sql)
    {
        using var cmd = Command(sql);
        cmd.ExecuteNonQuery();
    }

    object? Scalar(string sql)
    {
        using var cmd = Command(sql);
        return cmd.ExecuteScalar();
    }

    /// <summary>A query's command, holding the connection's lock until it is disposed (on the same thread).</summary>
    internal SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = new LockedCommand(sql, connection, gate) { Transaction = current };
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    sealed class LockedCommand : SqliteCommand
    {
        readonly Lock gate;
        bool held;

        public LockedCommand(string sql, SqliteConnection connection, Lock gate) : base(sql, connection)
        {
            this.gate = gate;
            gate.Enter();
            held = true;
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (held && disposing)
            {
                held = false;
                gate.Exit();
            }
        }
    }

    internal static string Time(DateTime t) => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    internal static DateTime ParseTime(string s) => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public void Dispose() => connection.Dispose();
}
