using Cais.CommandLine;
using Cais.Images.Archives;
using Cais.Images.References;
using Cais.Images.Service;

namespace Cais.Cli.Images;

/// <summary>save, load, import, image bootstrap.</summary>
internal static class ImageArchiveCommands
{
    public static int Save(CliContext c, IReadOnlyList<string> args)
    {
        var f = new FlagSet("save");
        var output = f.String("output", 'o', "", "Write to a file, instead of STDOUT");
        var names = f.Parse(args);
        if (names.Count == 0) throw new FlagException("\"cais save\" requires at least 1 argument.");
        if (output.Value.Length == 0)
        {
            if (Cais.Linux.Terminal.IsTerminal(1))
                throw new InvalidOperationException("cowardly refusing to save to a terminal. Use the -o flag or redirect");
            using var stdout = Console.OpenStandardOutput();
            DockerArchiveWriter.Save(c.Images, names, stdout);
            return 0;
        }
        // Written beside the target and renamed: a failed save leaves no half archive behind.
        var temp = output.Value + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var file = File.Create(temp)) DockerArchiveWriter.Save(c.Images, names, file);
            File.Move(temp, output.Value, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
        return 0;
    }

    public static int Load(CliContext c, IReadOnlyList<string> args)
    {
        var f = new FlagSet("load");
        var input = f.String("input", 'i', "", "Read from tar archive file, instead of STDIN");
        var quiet = f.Bool("quiet", 'q', "Suppress the load output");
        if (f.Parse(args).Count > 0) throw new FlagException("\"cais load\" accepts no arguments.");
        if (input.Value.Length == 0 && Cais.Linux.Terminal.IsTerminal(0))
            throw new InvalidOperationException("requested load from stdin, but stdin is empty");
        using var stream = input.Value.Length > 0 ? File.OpenRead(input.Value) : Console.OpenStandardInput();
        var report = DockerArchiveReader.Load(c.Images, stream);
        if (!quiet.Value) foreach (var line in report) c.Out.WriteLine(line);
        return 0;
    }

    public static int Import(CliContext c, IReadOnlyList<string> args)
    {
        var f = new FlagSet("import");
        var changes = f.StringList("change", 'c', "Apply Dockerfile instruction to the created image");
        var message = f.String("message", 'm', "", "Set commit message for imported image");
        f.String("platform", null, "", "Set platform if server is multi-platform capable");
        var rest = f.Parse(args);
        if (rest.Count is < 1 or > 2) throw new FlagException("\"cais import\" requires at least 1 and at most 2 arguments.");
        var source = rest[0];
        var tag = rest.Count > 1 ? ImageReference.Parse(rest[1]) : null;
        if (source.StartsWith("http://", StringComparison.Ordinal) || source.StartsWith("https://", StringComparison.Ordinal))
            throw new InvalidOperationException("importing from a URL is not supported yet; download the file and import it");
        using var stream = source == "-" ? Console.OpenStandardInput() : File.OpenRead(source);
        // The docker CLI streams a local file to the daemon as "-", so that is what the comment says.
        var result = RootfsImport.Import(c.Images, stream, tag, changes.Value, message.Value, "-");
        c.Out.WriteLine(result.Id.ToString());
        return 0;
    }

    public static int Bootstrap(CliContext c, IReadOnlyList<string> args)
    {
        var f = new FlagSet("image bootstrap");
        var tag = f.String("tag", 't', "", "Name the image (default: busybox:latest or debian:SUITE)");
        var mirror = f.String("mirror", null, "", "Debian mirror for debootstrap (default: the one apt uses)");
        var busybox = f.String("busybox", null, Cais.Images.Bootstrap.BusyboxRootfsBuilder.DefaultBusybox, "The busybox-static binary to use");
        var rest = f.Parse(args);
        if (rest.Count != 1) throw new FlagException("\"cais image bootstrap\" requires exactly 1 argument: busybox or debian:SUITE");
        var name = tag.Value.Length > 0 ? ImageReference.Parse(tag.Value) : null;
        ImportResult result;
        if (rest[0] is "busybox" or "busybox:latest")
            result = ImageBootstrap.Busybox(c.Images, name, busybox.Value);
        else if (rest[0].StartsWith("debian:", StringComparison.Ordinal) && rest[0].Length > 7)
            result = ImageBootstrap.Debian(c.Images, rest[0][7..], name, mirror.Value.Length > 0 ? mirror.Value : null,
                line => c.Error.WriteLine(line));
        else
            throw new FlagException($"cannot bootstrap \"{rest[0]}\": use busybox or debian:SUITE (e.g. debian:bookworm)");
        c.Out.WriteLine($"Bootstrapped {string.Join(", ", result.Tagged)} ({result.Id})");
        return 0;
    }
}
