using System.Runtime.InteropServices;
using Cais.Linux.Interop;

namespace Cais.Linux.ForkChild;

/// <summary>
/// A list of operations for a fork child to run between fork and exec, with every argument
/// prepared in native memory beforehand (see DESIGN.md, "Fork safety"). Built by the runtime,
/// run by <see cref="ChildLauncher"/>. The ops are plain data, so tests can read back exactly
/// what a container's set-up will do without running it.
/// </summary>
public sealed unsafe partial class ChildProgram : IDisposable
{
    readonly NativeArena arena = new();
    readonly List<Op> ops = [];
    readonly List<string> descriptions = [];
    readonly List<OpCode> codes = [];
    readonly List<int> ownedFds = [];
    int nextSlot;
    ProgramHeader* header;

    public NativeArena Arena => arena;

    /// <summary>CAIS_TRACE=1: the child reports how long each op took, on stderr.</summary>
    static readonly bool TraceEnabled = Environment.GetEnvironmentVariable("CAIS_TRACE") == "1";

    /// <summary>The op codes in order (for tests and diagnostics).</summary>
    public IReadOnlyList<OpCode> Codes => codes;

    /// <summary>What each op does, in order, e.g. "mount proc on /proc".</summary>
    public IReadOnlyList<string> Descriptions => descriptions;

    /// <summary>The text of op <paramref name="index"/>, used to explain a failure the child reports.</summary>
    public string DescriptionOf(int index) =>
        index >= 0 && index < descriptions.Count ? descriptions[index] : $"step {index}";

    /// <summary>Reserves an fd slot the child fills (a root, a mount target, a pty).</summary>
    public int NewSlot()
    {
        if (nextSlot >= Slots.Count) throw new InvalidOperationException("a child program has at most 16 fd slots");
        return nextSlot++;
    }

    int Add(OpCode code, string description, long a = 0, long b = 0, long c = 0, long d = 0,
        long e = 0, long f = 0, long g = 0, long h = 0)
    {
        if (header != null) throw new InvalidOperationException("the program was already sealed");
        ops.Add(new Op { Code = code, A = a, B = b, C = c, D = d, E = e, F = f, G = g, H = h });
        descriptions.Add(description);
        codes.Add(code);
        return ops.Count - 1;
    }

    long S(string? s) => (long)arena.Str(s);

    long Ss(IReadOnlyList<string> s) => (long)arena.Strs(s);

    /// <summary>Lays the program out for the child. Called once, just before the fork.</summary>
    internal ProgramHeader* Seal(int syncFd, int parentFd)
    {
        if (header != null) throw new InvalidOperationException("the program was already sealed");
        var opsMem = (Op*)arena.Alloc((ops.Count + 1) * sizeof(Op));
        for (int i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            op.Description = arena.Str(descriptions[i]);
            opsMem[i] = op;
        }
        header = (ProgramHeader*)arena.Alloc(sizeof(ProgramHeader));
        header->Ops = opsMem;
        header->OpCount = ops.Count;
        header->SyncFd = syncFd;
        header->ParentFd = parentFd;
        header->ErrorFd = syncFd;
        header->ChosenExecutable = 0;
        for (int i = 0; i < Slots.Count; i++) header->Slots[i] = -1;
        header->Abi = LinuxAbi.Current;
        header->Scratch = (byte*)arena.Alloc(4096);
        header->TraceFd = TraceEnabled ? 2 : -1;
        return header;
    }

    /// <summary>
    /// Hands an fd the child needs (a namespace file, a hook binary) to the program; the parent's
    /// copy is closed when the program is disposed, after the fork.
    /// </summary>
    public int Own(int fd)
    {
        ownedFds.Add(fd);
        return fd;
    }

    public void Dispose()
    {
        foreach (var fd in ownedFds) Fds.Close(fd);
        ownedFds.Clear();
        arena.Dispose();
    }

    /// <summary>Splits a path inside a root into cumulative prefixes and names, after lexical cleaning.</summary>
    internal static (List<string> Prefixes, List<string> Names) SplitInRoot(string path)
    {
        var names = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..") { if (names.Count > 0) names.RemoveAt(names.Count - 1); continue; }
            names.Add(part);
        }
        var prefixes = new List<string>(names.Count);
        for (int i = 0; i < names.Count; i++) prefixes.Add(string.Join('/', names.Take(i + 1)));
        return (prefixes, names);
    }

    /// <summary>"/a/../b/" becomes "b": a path relative to a root, lexically cleaned.</summary>
    public static string CleanInRoot(string path) => string.Join('/', SplitInRoot(path).Names);

    /// <summary>An int array in native memory.</summary>
    long Ints(IReadOnlyList<int> values)
    {
        var p = (int*)arena.Alloc(Math.Max(values.Count, 1) * sizeof(int));
        for (int i = 0; i < values.Count; i++) p[i] = values[i];
        return (long)p;
    }

    /// <summary>Bytes in native memory.</summary>
    long Bytes(ReadOnlySpan<byte> data) => (long)arena.Bytes(data);

    static long SizeOf<T>() where T : unmanaged => Marshal.SizeOf<T>();
}
