using System.Globalization;
using Cais.Api.Models.Containers;
using Cais.CommandLine;

namespace Cais.Cli.Containers.Options;

/// <summary>
/// --mount type=bind|volume|tmpfs,source=...,target=...[,readonly][,...]: comma-separated
/// key=value fields as docker's MountOpt reads them. The type defaults to volume.
/// </summary>
public static class MountOption
{
    public static Mount Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var mount = new Mount { Type = "volume" };
        foreach (var field in SplitCsv(text))
        {
            var equals = field.IndexOf('=', StringComparison.Ordinal);
            var key = (equals < 0 ? field : field[..equals]).ToLowerInvariant();
            var value = equals < 0 ? null : field[(equals + 1)..];
            if (value is null && key is not ("readonly" or "ro" or "volume-nocopy" or "bind-nonrecursive" or "bind-create-mountpoint"))
                throw new FormatException($"invalid field '{field}' must be a key=value pair");
            Apply(mount, key, value, field);
        }
        if (string.IsNullOrEmpty(mount.Target)) throw new FormatException("target is required");
        if (mount.Type != "volume" && mount.VolumeOptions is not null)
            throw new FormatException($"cannot mix 'volume-*' options with mount type '{mount.Type}'");
        if (mount.Type != "bind" && mount.BindOptions is not null)
            throw new FormatException($"cannot mix 'bind-*' options with mount type '{mount.Type}'");
        if (mount.Type != "tmpfs" && mount.TmpfsOptions is not null)
            throw new FormatException($"cannot mix 'tmpfs-*' options with mount type '{mount.Type}'");
        return mount;
    }

    static void Apply(Mount mount, string key, string? value, string field)
    {
        switch (key)
        {
            case "type": mount.Type = value!.ToLowerInvariant(); break;
            case "source" or "src": mount.Source = value; break;
            case "target" or "dst" or "destination": mount.Target = value; break;
            case "readonly" or "ro": mount.ReadOnly = value is null || ParseBool(value, field); break;
            case "consistency": mount.Consistency = value; break;
            case "bind-propagation": Bind(mount).Propagation = value; break;
            case "bind-nonrecursive": Bind(mount).NonRecursive = value is null || ParseBool(value, field); break;
            case "bind-create-mountpoint": Bind(mount).CreateMountpoint = value is null || ParseBool(value, field); break;
            case "volume-nocopy": Volume(mount).NoCopy = value is null || ParseBool(value, field); break;
            case "volume-subpath": Volume(mount).Subpath = value; break;
            case "volume-driver": (Volume(mount).DriverConfig ??= new()).Name = value; break;
            case "volume-label": AddPair(Volume(mount).Labels ??= [], value!, field); break;
            case "volume-opt": AddPair((Volume(mount).DriverConfig ??= new()).Options ??= [], value!, field); break;
            case "tmpfs-size": Tmpfs(mount).SizeBytes = ByteSizes.Parse(value!); break;
            case "tmpfs-mode":
                if (!uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _)
                    || value!.Any(c => c > '7'))
                    throw new FormatException($"invalid value for {key}: {value}");
                Tmpfs(mount).Mode = Convert.ToUInt32(value, 8);
                break;
            default: throw new FormatException($"unexpected key '{key}' in '{field}'");
        }
    }

    static BindOptions Bind(Mount m) => m.BindOptions ??= new();

    static VolumeOptions Volume(Mount m) => m.VolumeOptions ??= new();

    static TmpfsOptions Tmpfs(Mount m) => m.TmpfsOptions ??= new();

    static bool ParseBool(string value, string field)
    {
        try
        {
            return GoSyntax.ParseBool(value);
        }
        catch (FormatException)
        {
            throw new FormatException($"invalid value for '{field}': {value}");
        }
    }

    static void AddPair(Dictionary<string, string> map, string value, string field)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0) throw new FormatException($"invalid field '{field}' must be a key=value pair");
        map[value[..equals]] = value[(equals + 1)..];
    }

    /// <summary>Fields separated by commas, where a field may be quoted ("a,b") as in a CSV record.</summary>
    static List<string> SplitCsv(string text)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (var c in text)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }
}
