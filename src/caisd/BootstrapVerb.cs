using System.IO.Pipelines;
using Cais.Api.Client;
using Cais.Api.Client.Connection;
using Cais.Cli.Daemon;
using Cais.CommandLine;
using Cais.Images.Archives;
using Cais.Images.Bootstrap;
using Cais.Images.References;
using Cais.Images.Service;
using Cais.Cli;

namespace Cais.Caisd;

/// <summary>
/// `cais image bootstrap busybox|debian:SUITE`: a base image made on this machine (cais's own
/// verb). When a daemon answers, the image is built here and handed to it as an archive
/// (POST /images/load), so the daemon knows it; when none does, it goes straight into the store
/// at the data root, so a fresh machine (or CI) can bootstrap before any daemon runs (none is
/// started for it). See <see cref="UseDaemon"/> for which wins when both are named.
/// </summary>
public static class BootstrapVerb
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args)
    {
        var usage = new VerbUsage("image bootstrap", "[OPTIONS] busybox|debian:SUITE", "Make a base image from this machine (busybox, debian:SUITE)", ArgumentCount.Exactly(1));
        var f = new FlagSet("image bootstrap");
        var tag = f.String("tag", 't', "", "Name the image (default: busybox:latest or debian:SUITE)");
        var mirror = f.String("mirror", null, "", "Debian mirror for debootstrap (default: the one apt uses)");
        var busybox = f.String("busybox", null, BusyboxRootfsBuilder.DefaultBusybox, "The busybox-static binary to use");
        return VerbRunner.Run(cli, usage, f, args, async rest =>
        {
            var what = rest[0];
            ImageReference? name;
            try
            {
                name = tag.Value.Length > 0 ? ImageReference.Parse(tag.Value) : null;
            }
            catch (InvalidReferenceException e)
            {
                throw new CommandException($"Error: {e.Message}");
            }
            Func<string, BootstrappedImage> build;
            if (what is "busybox" or "busybox:latest")
                build = work => ImageBootstrap.BuildBusybox(work, name, busybox.Value);
            else if (what.StartsWith("debian:", StringComparison.Ordinal) && what.Length > "debian:".Length)
                build = work => ImageBootstrap.BuildDebian(work, what["debian:".Length..], name, mirror.Value.Length > 0 ? mirror.Value : null,
                    line => cli.Error.WriteLine(line));
            else
                throw new FlagException($"cannot bootstrap \"{what}\": use busybox or debian:SUITE (e.g. debian:bookworm)");
            try
            {
                return await (UseDaemon(cli) ? IntoDaemonAsync(cli, build) : Task.FromResult(IntoStore(cli, build)));
            }
            catch (Exception e) when (CommandErrors.IsUserFacing(e) && e is not DaemonConnectionException)
            {
                throw new CommandException($"Error: {CommandErrors.Describe(e)}");
            }
        });
    }

    /// <summary>
    /// Where the image goes, the command line first: -H means the daemon, --data-root the store;
    /// then the environment: CAIS_HOST or DOCKER_HOST the daemon, CAIS_DATA_ROOT the store; with
    /// none of them, the default daemon when it answers, else the default store.
    /// </summary>
    static bool UseDaemon(DaemonCli cli)
    {
        if (cli.Connection.Host is not null) return true;
        if (cli.DataRootGiven) return false;
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CAIS_HOST"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")))
            return true;
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CAIS_DATA_ROOT"))) return false;
        // A probe of its own: bootstrap must not start a daemon on demand, only find one running.
        try
        {
            using var probe = new EngineClient(DaemonEndpointResolver.Resolve(cli.Connection));
            probe.PingAsync().GetAwaiter().GetResult();
            return true;
        }
        catch (DaemonConnectionException)
        {
            return false;
        }
    }

    /// <summary>Builds in the system's temporary directory and streams the archive to the daemon while it is written.</summary>
    static async Task<int> IntoDaemonAsync(DaemonCli cli, Func<string, BootstrappedImage> build)
    {
        using var image = build(Path.GetTempPath());
        var pipe = new Pipe();
        var writer = Task.Run(async () =>
        {
            try
            {
                await using var output = pipe.Writer.AsStream();
                BootstrapArchive.Write(image, output);
            }
            catch (Exception e)
            {
                await pipe.Writer.CompleteAsync(e);
                throw;
            }
        });
        await using (var input = pipe.Reader.AsStream())
        await using (var progress = await cli.Client.LoadImagesAsync(input, quiet: true))
        {
            await foreach (var message in progress.ReadAllAsync())
                if ((message.ErrorDetail?.Message is { Length: > 0 } ? message.ErrorDetail.Message : message.Error) is { Length: > 0 } error)
                    throw new CommandException($"Error: {error}");
        }
        await writer;
        cli.Out.WriteLine($"Bootstrapped {image.Tag.FamiliarString()} ({image.Id})");
        return 0;
    }

    static int IntoStore(DaemonCli cli, Func<string, BootstrappedImage> build)
    {
        using var store = new ImageStore(cli.DataRoot);
        var result = store.WithContentLease(() =>
        {
            using var image = build(store.TempDir);
            return ImageBootstrap.Import(store, image);
        });
        cli.Out.WriteLine($"Bootstrapped {string.Join(", ", result.Tagged)} ({result.Id})");
        return 0;
    }
}
