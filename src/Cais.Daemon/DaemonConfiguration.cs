using Cais.Api.Hosting;
using Cais.CommandLine;
using Cais.Engine.Errors;
using Microsoft.Extensions.Logging;

namespace Cais.Daemon;

/// <summary>What running `cais daemon ARGS` means: print the version, validate, or run with these options.</summary>
public sealed record DaemonInvocation(DaemonOptions Options, bool PrintVersion, bool ValidateOnly);

/// <summary>Turns the command line and daemon.json into <see cref="DaemonOptions"/>, with dockerd's rules.</summary>
public static class DaemonConfiguration
{
    /// <exception cref="FlagException">A malformed command line.</exception>
    /// <exception cref="InvalidParameterException">A bad daemon.json, a conflict, or a bad value.</exception>
    public static DaemonInvocation Parse(IReadOnlyList<string> args)
    {
        var flags = new DaemonFlags();
        var rest = flags.Set.Parse(args);
        if (rest.Count > 0) throw new FlagException($"\"cais daemon\" accepts no arguments (got \"{rest[0]}\")");
        if (flags.Version.Value) return new DaemonInvocation(new DaemonOptions(), PrintVersion: true, ValidateOnly: false);

        var fileKeys = flags.FileKeys().ToList();
        var file = DaemonConfigFile.Load(flags.ConfigFile.Value, isDefault: !flags.ConfigFile.IsSet, [.. fileKeys.Select(k => k.Key)]);
        if (file is not null)
        {
            var conflicts = fileKeys.Where(k => k.Flag.IsSet && file.Has(k.Key))
                .Select(k => $"{k.Key}: (from flag: {DaemonFlags.Describe(k.Flag)}, from file: {file.Describe(k.Key)})")
                .ToList();
            if (conflicts.Count > 0)
                throw new InvalidParameterException(
                    $"unable to configure the cais daemon with file {file.Path}: the following directives are specified both as a flag and in the configuration file: {string.Join(", ", conflicts)}");
        }

        string Pick(Flag<string> flag, string key) => file?.String(key) ?? flag.Value;
        bool PickBool(Flag<bool> flag, string key) => file?.Bool(key) ?? flag.Value;

        var hostTexts = file?.Strings("hosts") ?? flags.Hosts.Value;
        var hosts = hostTexts.Count == 0 ? [ListenAddress.Unix(ListenAddress.DefaultUnixSocket)] : hostTexts.Select(ListenAddress.Parse).Distinct().ToList();
        var debug = PickBool(flags.Debug, "debug");
        var logLevel = ParseLogLevel(Pick(flags.LogLevel, "log-level"));
        var tlsVerify = PickBool(flags.TlsVerify, "tlsverify");
        var tls = PickBool(flags.Tls, "tls") || tlsVerify;
        if (tls && !tlsVerify)
            throw new InvalidParameterException("--tls without --tlsverify is not supported: cais requires verified client certificates on tcp");
        var pidFile = Pick(flags.PidFile, "pidfile");
        var options = new DaemonOptions
        {
            Hosts = hosts,
            DataRoot = Path.GetFullPath(Pick(flags.DataRoot, "data-root")),
            ExecRoot = Path.GetFullPath(Pick(flags.ExecRoot, "exec-root")),
            Debug = debug,
            LogLevel = debug ? LogLevel.Debug : logLevel,
            PidFile = pidFile.Length > 0 ? Path.GetFullPath(pidFile) : null,
            Init = PickBool(flags.Init, "init"),
            InitPath = Pick(flags.InitPath, "init-path") is { Length: > 0 } initPath ? Path.GetFullPath(initPath) : null,
            Tls = tlsVerify
                ? new TlsOptions
                {
                    Verify = true,
                    CaCertPath = TlsPath(Pick(flags.TlsCaCert, "tlscacert"), flags.TlsCaCert.IsSet || file?.Has("tlscacert") == true, "ca.pem"),
                    CertPath = TlsPath(Pick(flags.TlsCert, "tlscert"), flags.TlsCert.IsSet || file?.Has("tlscert") == true, "cert.pem"),
                    KeyPath = TlsPath(Pick(flags.TlsKey, "tlskey"), flags.TlsKey.IsSet || file?.Has("tlskey") == true, "key.pem"),
                }
                : null,
        };
        var tcp = hosts.FirstOrDefault(h => !h.IsUnix);
        if (tcp is not null && options.Tls is null)
            throw new InvalidParameterException(
                $"refusing to listen on {tcp} without --tlsverify: anyone who reaches the port would be root on this host (give --tlsverify, --tlscacert, --tlscert and --tlskey)");
        return new DaemonInvocation(options, PrintVersion: false, ValidateOnly: flags.Validate.Value);
    }

    /// <summary>`cais daemon --help`.</summary>
    public static string Usage() =>
        "Usage:  cais daemon [OPTIONS]\n\nThe cais daemon: serves the Docker Engine API and owns images and containers.\n\nOptions:\n" + new DaemonFlags().Set.Usage();

    /// <summary>A TLS file: as given, or Docker's default name in $DOCKER_CERT_PATH or ~/.docker.</summary>
    static string TlsPath(string value, bool given, string defaultName) =>
        given ? Path.GetFullPath(value) : Path.Combine(TlsOptions.DefaultCertDir, defaultName);

    static LogLevel ParseLogLevel(string text) => text.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "fatal" or "panic" => LogLevel.Critical,
        _ => throw new InvalidParameterException($"unable to parse logging level: {text}"),
    };
}
