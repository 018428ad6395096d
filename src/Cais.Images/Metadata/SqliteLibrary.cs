using System.Runtime.InteropServices;

namespace Cais.Images.Metadata;

/// <summary>
/// Chooses the SQLite library once per process. The published cais links SQLite statically
/// (DirectPInvoke "sqlite3"); under the JIT (tests, `dotnet run`) "sqlite3" is resolved to the
/// system's libsqlite3.so.0, the runtime library every Debian has (the unversioned
/// libsqlite3.so only comes with the -dev package).
/// </summary>
internal static class SqliteLibrary
{
    static int initialized;

    public static void EnsureInitialized()
    {
        if (Interlocked.Exchange(ref initialized, 1) == 1) return;
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(SQLitePCL.SQLite3Provider_sqlite3).Assembly, (name, _, _) =>
                name == "sqlite3" && NativeLibrary.TryLoad("libsqlite3.so.0", out var handle) ? handle : IntPtr.Zero);
        }
        catch (InvalidOperationException)
        {
            // A resolver was already set for that assembly (another component did this): fine.
        }
        SQLitePCL.raw.SetProvider(new SQLitePCL.SQLite3Provider_sqlite3());
    }
}
