using System.Globalization;
using Cais.Api.Models.Containers;

namespace Cais.Cli.Containers.Options;

/// <summary>--device, --blkio-weight-device and the --device-read/write-bps/iops throttles.</summary>
public static class DeviceOptions
{
    /// <summary>--device HOST[:CONTAINER][:PERMISSIONS]; permissions are a combination of r, w and m (default rwm).</summary>
    public static DeviceMapping ParseDevice(string text)
    {
        var parts = text.Split(':');
        if (parts.Length > 3 || parts[0].Length == 0) throw new FormatException($"bad format for path: {text}");
        var source = parts[0];
        var target = source;
        var permissions = "rwm";
        if (parts.Length == 3)
        {
            target = parts[1];
            permissions = parts[2];
            if (!IsDeviceMode(permissions)) throw new FormatException($"bad mode specified: {permissions}");
        }
        else if (parts.Length == 2)
        {
            if (IsDeviceMode(parts[1])) permissions = parts[1];
            else target = parts[1];
        }
        if (!target.StartsWith('/')) throw new FormatException($"{target} is not an absolute path");
        return new DeviceMapping { PathOnHost = source, PathInContainer = target, CgroupPermissions = permissions };
    }

    static bool IsDeviceMode(string mode) =>
        mode.Length is > 0 and <= 3 && mode.All(c => c is 'r' or 'w' or 'm') && mode.Distinct().Count() == mode.Length;

    /// <summary>--blkio-weight-device DEVICE:WEIGHT, weight 10..1000.</summary>
    public static WeightDevice ParseWeightDevice(string text)
    {
        var (path, value) = SplitDevice(text, "bad format");
        if (!ushort.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var weight) || weight is < 10 or > 1000)
            throw new FormatException($"invalid weight for device: {text}");
        return new WeightDevice { Path = path, Weight = weight };
    }

    /// <summary>--device-read-bps / --device-write-bps DEVICE:RATE, the rate a size (1mb).</summary>
    public static ThrottleDevice ParseBpsDevice(string text)
    {
        var (path, value) = SplitDevice(text, "bad format");
        long rate;
        try
        {
            rate = ByteSizes.Parse(value);
        }
        catch (FormatException)
        {
            throw new FormatException($"invalid rate for device: {text}. The correct format is <device-path>:<number>[<unit>]. Number must be a positive integer. Unit is optional and can be kb, mb, or gb");
        }
        return new ThrottleDevice { Path = path, Rate = (ulong)rate };
    }

    /// <summary>--device-read-iops / --device-write-iops DEVICE:COUNT.</summary>
    public static ThrottleDevice ParseIopsDevice(string text)
    {
        var (path, value) = SplitDevice(text, "bad format");
        if (!ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var rate))
            throw new FormatException($"invalid rate for device: {text}. The correct format is <device-path>:<number>. Number must be a positive integer");
        return new ThrottleDevice { Path = path, Rate = rate };
    }

    static (string Path, string Value) SplitDevice(string text, string problem)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1) throw new FormatException($"{problem}: {text}");
        var path = text[..colon];
        if (!path.StartsWith("/dev/", StringComparison.Ordinal)) throw new FormatException($"{problem} for device path: {text}");
        return (path, text[(colon + 1)..]);
    }
}
