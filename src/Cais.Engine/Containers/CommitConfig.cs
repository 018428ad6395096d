using ApiConfig = Cais.Api.Models.Containers.ContainerConfig;
using ApiHealth = Cais.Api.Models.Containers.HealthConfig;
using ImageModel = Cais.Images.Model;
using Cais.Images.Service;

namespace Cais.Engine.Containers;

/// <summary>
/// The <c>config</c> of an image made by <c>docker commit</c>, as Docker makes it (moby
/// daemon/commit.go): the config sent with the request, or the container's own when none was;
/// the <c>-c</c> changes applied to it; then the container's config fills in whatever that
/// left unset (user, command, working directory, stop signal), adds the environment variables
/// and labels it lacks, and the ports and volumes. Only the fields an image config holds are
/// kept (what Docker's containerd image store writes): no hostname, tty or image name.
/// </summary>
public static class CommitConfig
{
    /// <exception cref="FormatException">A change that is not a valid instruction.</exception>
    public static ImageModel.ContainerConfig Build(ApiConfig? requested, IReadOnlyList<string> changes, ApiConfig container)
    {
        var changed = ConfigChanges.Apply(ToImage(requested ?? container), changes);
        return Merge(changed, ToImage(container));
    }

    /// <summary>The image-config part of a container's config.</summary>
    public static ImageModel.ContainerConfig ToImage(ApiConfig c) => new()
    {
        User = NullIfEmpty(c.User),
        ExposedPorts = Set(c.ExposedPorts?.Keys),
        Env = c.Env is null ? null : [.. c.Env],
        Entrypoint = c.Entrypoint is null ? null : [.. c.Entrypoint],
        Cmd = c.Cmd is null ? null : [.. c.Cmd],
        Volumes = Set(c.Volumes?.Keys),
        WorkingDir = NullIfEmpty(c.WorkingDir),
        Labels = c.Labels is null ? null : new Dictionary<string, string>(c.Labels),
        StopSignal = NullIfEmpty(c.StopSignal),
        ArgsEscaped = c.ArgsEscaped ? true : null,
        Healthcheck = c.Healthcheck is { } h ? ToImage(h) : null,
        OnBuild = c.OnBuild is null ? null : [.. c.OnBuild],
        Shell = c.Shell is null ? null : [.. c.Shell],
    };

    static ImageModel.HealthConfig ToImage(ApiHealth h) => new()
    {
        Test = h.Test is null ? null : [.. h.Test],
        Interval = h.Interval == 0 ? null : h.Interval,
        Timeout = h.Timeout == 0 ? null : h.Timeout,
        StartPeriod = h.StartPeriod == 0 ? null : h.StartPeriod,
        StartInterval = h.StartInterval == 0 ? null : h.StartInterval,
        Retries = h.Retries == 0 ? null : h.Retries,
    };

    /// <summary><paramref name="config"/> completed from <paramref name="fallback"/> (moby's merge, field by field).</summary>
    public static ImageModel.ContainerConfig Merge(ImageModel.ContainerConfig config, ImageModel.ContainerConfig fallback)
    {
        var c = config;
        if (string.IsNullOrEmpty(c.User)) c = c with { User = fallback.User };
        c = c with { ExposedPorts = Union(c.ExposedPorts, fallback.ExposedPorts) };
        c = c with { Env = MergeEnv(c.Env, fallback.Env) };
        var labels = new Dictionary<string, string>(c.Labels ?? new Dictionary<string, string>());
        foreach (var (k, v) in fallback.Labels ?? new Dictionary<string, string>()) labels.TryAdd(k, v);
        c = c with { Labels = labels };
        if (c.Entrypoint is not { Count: > 0 })
        {
            // An entrypoint set to [] is kept (it clears the image's); a missing one is inherited.
            if (c.Cmd is not { Count: > 0 }) c = c with { Cmd = fallback.Cmd, ArgsEscaped = fallback.ArgsEscaped };
            if (c.Entrypoint is null) c = c with { Entrypoint = fallback.Entrypoint };
        }
        if (fallback.Healthcheck is { } fh)
            c = c with { Healthcheck = c.Healthcheck is not { } h ? fh : MergeHealth(h, fh) };
        if (string.IsNullOrEmpty(c.WorkingDir)) c = c with { WorkingDir = fallback.WorkingDir };
        c = c with { Volumes = c.Volumes is not { Count: > 0 } ? fallback.Volumes : Union(c.Volumes, fallback.Volumes) };
        if (string.IsNullOrEmpty(c.StopSignal)) c = c with { StopSignal = fallback.StopSignal };
        return c;
    }

    static ImageModel.HealthConfig MergeHealth(ImageModel.HealthConfig h, ImageModel.HealthConfig fallback) => h with
    {
        Test = h.Test is { Count: > 0 } ? h.Test : fallback.Test,
        Interval = h.Interval is null or 0 ? fallback.Interval : h.Interval,
        Timeout = h.Timeout is null or 0 ? fallback.Timeout : h.Timeout,
        StartPeriod = h.StartPeriod is null or 0 ? fallback.StartPeriod : h.StartPeriod,
        Retries = h.Retries is null or 0 ? fallback.Retries : h.Retries,
    };

    /// <summary>The variables of <paramref name="env"/>, then those of <paramref name="fallback"/> whose name it lacks.</summary>
    static List<string>? MergeEnv(IReadOnlyList<string>? env, IReadOnlyList<string>? fallback)
    {
        if (env is not { Count: > 0 }) return fallback is null ? null : [.. fallback];
        var merged = new List<string>(env);
        var names = env.Select(NameOf).ToHashSet(StringComparer.Ordinal);
        foreach (var e in fallback ?? []) if (!names.Contains(NameOf(e))) merged.Add(e);
        return merged;
    }

    static string NameOf(string variable) => variable.Split('=', 2)[0];

    static Dictionary<string, ImageModel.EmptyObject>? Union(IReadOnlyDictionary<string, ImageModel.EmptyObject>? a, IReadOnlyDictionary<string, ImageModel.EmptyObject>? b)
    {
        if (a is null && b is null) return null;
        var set = new Dictionary<string, ImageModel.EmptyObject>(StringComparer.Ordinal);
        foreach (var k in (a?.Keys ?? []).Concat(b?.Keys ?? [])) set.TryAdd(k, new ImageModel.EmptyObject());
        return set;
    }

    static Dictionary<string, ImageModel.EmptyObject>? Set(IEnumerable<string>? keys) =>
        keys is null ? null : keys.ToDictionary(k => k, _ => new ImageModel.EmptyObject(), StringComparer.Ordinal);

    static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
