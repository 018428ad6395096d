using Cais.Api.Models.Containers;
using Cais.Engine.Containers;
using Cais.Engine.Errors;
using Cais.Images;
using Cais.Images.Metadata;
using Cais.Images.Service;
using ImageModel = Cais.Images.Model;

namespace Cais.Engine;

// POST /containers/create: the image's config merged in, a snapshot prepared, the record stored.
public sealed partial class Engine
{
    public sealed record CreateResult(string Id, List<string> Warnings);

    public CreateResult CreateContainer(ContainerCreateRequest request, string? name)
    {
        if (string.IsNullOrEmpty(request.Image)) throw new InvalidParameterException("config cannot be empty in order to create a container");
        var imageId = Images.Resolve(request.Image); // ImageNotFoundException: "No such image: x", a 404
        var image = Images.ConfigOf(imageId).Config;
        var record = Prepare(request, name, imageId, image, out var warnings);

        var id = record.Id;
        var dir = ContainerDir(id);
        bool snapshot = false;
        try
        {
            Directory.CreateDirectory(dir);
            ContainerFiles.Write(dir, record.Config.Hostname, NetworkMode(record.HostConfig), record.HostConfig.ExtraHosts);
            Images.Snapshots.Prepare(id, TopChain(imageId));
            snapshot = true;
            Images.Metadata.Write(tx =>
            {
                tx.PutContainer(id, record.Name, record.ImageId, record.ToJson());
                tx.AddUser(record.ImageId, "container:" + id);
                return 0;
            });
        }
        catch (Exception e)
        {
            if (snapshot) TryQuietly(() => Images.Snapshots.Remove(id));
            TryQuietly(() => Directory.Delete(dir, recursive: true));
            if (e is ContainerNameTakenException taken)
                throw new ConflictException($"Conflict. The container name \"{taken.Name}\" is already in use by container \"{taken.Holder}\". You have to remove (or rename) that container to be able to reuse that name.");
            throw;
        }
        var created = new Container(record);
        Register(created);
        Events.Container("create", created);
        return new CreateResult(id, warnings);
    }

    ContainerRecord Prepare(ContainerCreateRequest request, string? name, Digest imageId, ImageModel.ImageConfig image, out List<string> warnings)
    {
        warnings = [];
        var host = request.HostConfig ?? new HostConfig();
        ValidateHostConfig(host);
        if (host.Init ?? Options.DefaultInit) InitBinary.Find(Options.InitPath); // refuse --init now rather than at start
        var id = ContainerNames.NewId();
        string storedName;
        if (string.IsNullOrEmpty(name))
        {
            storedName = ContainerNames.Generate(NameTaken);
        }
        else
        {
            storedName = ContainerNames.Normalize(name);
            lock (containersLock)
            {
                var holder = containers.Values.FirstOrDefault(c => c.Record.Name == storedName);
                if (holder is not null)
                    throw new ConflictException($"Conflict. The container name \"{storedName}\" is already in use by container \"{holder.Id}\". You have to remove (or rename) that container to be able to reuse that name.");
            }
        }
        var config = MergeConfig(request, image.Config, id);
        var merged = CommandResolution.Merge(request.Entrypoint, request.Cmd, image.Config?.Entrypoint, image.Config?.Cmd);
        config.Entrypoint = merged.Entrypoint;
        config.Cmd = merged.Cmd;
        var (path, args) = merged.PathAndArgs();
        if (host.Memory > 0 && host.MemorySwap == 0)
        {
            // Docker's default, stored so inspect shows it and update checks against it: swap as
            // much as the memory, or unlimited where the kernel cannot limit swap.
            bool swapLimit = File.Exists("/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes") || File.Exists("/sys/fs/cgroup/memory.swap.max");
            host.MemorySwap = swapLimit ? host.Memory * 2 : -1;
            if (!swapLimit) warnings.Add("Your kernel does not support swap limit capabilities or the cgroup is not mounted. Memory limited without swap.");
        }
        return new ContainerRecord
        {
            Id = id, Name = storedName, Created = DateTime.UtcNow, ImageId = imageId.ToString(), ImageName = request.Image,
            Path = path, Args = args, Config = config, HostConfig = host,
        };
    }

    /// <summary>The user's config with the image's filled in where the user set nothing (Docker's merge).</summary>
    static ContainerConfig MergeConfig(ContainerCreateRequest r, ImageModel.ContainerConfig? image, string id)
    {
        var env = new List<string>(image?.Env ?? []);
        foreach (var e in r.Env ?? [])
        {
            var key = e.Split('=', 2)[0];
            env.RemoveAll(x => x.Split('=', 2)[0] == key);
            env.Add(e);
        }
        var labels = new Dictionary<string, string>(image?.Labels ?? new Dictionary<string, string>());
        foreach (var (k, v) in r.Labels ?? []) labels[k] = v;
        var ports = new Dictionary<string, Cais.Api.Models.Containers.EmptyObject>();
        foreach (var p in image?.ExposedPorts?.Keys ?? []) ports[p] = new();
        foreach (var p in r.ExposedPorts?.Keys ?? Enumerable.Empty<string>()) ports[p] = new();
        var volumes = new Dictionary<string, Cais.Api.Models.Containers.EmptyObject>();
        foreach (var v in image?.Volumes?.Keys ?? []) volumes[v] = new();
        foreach (var v in r.Volumes?.Keys ?? Enumerable.Empty<string>()) volumes[v] = new();
        var health = r.Healthcheck ?? (image?.Healthcheck is { } h
            ? new HealthConfig
            {
                Test = h.Test is null ? null : [.. h.Test], Interval = h.Interval ?? 0, Timeout = h.Timeout ?? 0,
                StartPeriod = h.StartPeriod ?? 0, StartInterval = h.StartInterval ?? 0, Retries = h.Retries ?? 0,
            }
            : null);
        return new ContainerConfig
        {
            Hostname = string.IsNullOrEmpty(r.Hostname) ? id[..12] : r.Hostname,
            Domainname = r.Domainname,
            User = string.IsNullOrEmpty(r.User) ? image?.User ?? "" : r.User,
            AttachStdin = r.AttachStdin, AttachStdout = r.AttachStdout, AttachStderr = r.AttachStderr,
            ExposedPorts = ports.Count > 0 ? ports : null,
            Tty = r.Tty, OpenStdin = r.OpenStdin, StdinOnce = r.StdinOnce,
            Env = env,
            Healthcheck = health,
            Image = r.Image,
            Volumes = volumes.Count > 0 ? volumes : null,
            WorkingDir = string.IsNullOrEmpty(r.WorkingDir) ? image?.WorkingDir ?? "" : r.WorkingDir,
            NetworkDisabled = r.NetworkDisabled,
            OnBuild = image?.OnBuild is null ? null : [.. image.OnBuild],
            Labels = labels,
            StopSignal = r.StopSignal ?? image?.StopSignal,
            StopTimeout = r.StopTimeout,
        };
    }

    static void ValidateHostConfig(HostConfig host)
    {
        var policy = host.RestartPolicy?.Name ?? "";
        if (policy is not ("" or "no" or "always" or "unless-stopped" or "on-failure"))
            throw new InvalidParameterException($"invalid restart policy: unknown policy '{policy}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
        if (policy != "on-failure" && host.RestartPolicy?.MaximumRetryCount > 0)
            throw new InvalidParameterException($"invalid restart policy: maximum retry count can only be used with 'on-failure'");
        if (host.AutoRemove && policy is not ("" or "no"))
            throw new InvalidParameterException("conflicting options: cannot specify both --restart and --rm");
        var mode = NetworkMode(host);
        if (mode is not ("default" or "bridge" or "host" or "none"))
            throw new NotFoundException($"network {mode} not found");
        if (host.LogConfig?.Type is { Length: > 0 } driver && driver is not ("json-file" or "none"))
            throw new InvalidParameterException($"logging driver \"{driver}\" is not supported by cais (json-file, none)");
        try { Logs.LogOptions.Parse(host.LogConfig?.Config); }
        catch (Logs.InvalidLogArgumentException e) { throw new InvalidParameterException(e.Message); }
    }

    internal static string NetworkMode(HostConfig host) => string.IsNullOrEmpty(host.NetworkMode) ? "default" : host.NetworkMode;

    Digest? TopChain(Digest imageId) =>
        Images.Metadata.FindImage(imageId.ToString())?.TopChain is { } top ? Digest.Parse(top) : null;

    static void TryQuietly(Action action)
    {
        // Clean-up after a failure must not hide the failure: log and go on.
        try { action(); }
        catch (Exception e) { Console.Error.WriteLine($"cais daemon: clean-up: {e.Message}"); }
    }
}
