using System.Text.Json;
using System.Text.Json.Nodes;
using Cais.Api.Models.Containers;

namespace Cais.Api.Tests.Models;

/// <summary>What the models write when the daemon fills them, and what they accept from real clients.</summary>
public sealed class ContainerModelWireFormatTests
{
    static ContainerJsonContext Json => ContainerJsonContext.Default;

    static JsonObject Written<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        JsonNode.Parse(JsonSerializer.Serialize(value, typeInfo))!.AsObject();

    [Fact]
    public void Serialize_NamesDifferingFromCSharp_UseDockerSpelling()
    {
        var host = Written(new HostConfig { UtsMode = "host", IoMaximumIOps = 5, IoMaximumBandwidth = 6 }, Json.HostConfig);
        Assert.Equal("host", (string?)host["UTSMode"]);
        Assert.Equal(5ul, (ulong?)host["IOMaximumIOps"]);
        Assert.Equal(6ul, (ulong?)host["IOMaximumBandwidth"]);

        var inspect = Written(new ContainerInspectResponse
        {
            State = new ContainerState { OomKilled = true },
            Mounts = [new MountPoint { ReadWrite = true }],
        }, Json.ContainerInspectResponse);
        Assert.True((bool?)inspect["State"]!["OOMKilled"]);
        Assert.True((bool?)inspect["Mounts"]![0]!["RW"]);

        var endpoint = Written(new EndpointSettings { IpamConfig = new EndpointIpamConfig { IPv4Address = "10.0.0.2" } }, Json.EndpointSettings);
        Assert.Equal("10.0.0.2", (string?)endpoint["IPAMConfig"]!["IPv4Address"]);

        var rows = JsonNode.Parse(JsonSerializer.Serialize(
            new List<ContainerSummary> { new() { Ports = [new Port { Ip = "0.0.0.0", PrivatePort = 80, PublicPort = 8080, Type = "tcp" }] } },
            Json.ListContainerSummary))!;
        Assert.Equal("0.0.0.0", (string?)rows[0]!["Ports"]![0]!["IP"]);
    }

    [Fact]
    public void Serialize_EmptySummary_ListsAndMapsClientsIndexAreNeverNull()
    {
        var row = JsonNode.Parse(JsonSerializer.Serialize(new List<ContainerSummary> { new() }, Json.ListContainerSummary))![0]!.AsObject();

        Assert.Equal("[]", row["Names"]!.ToJsonString());
        Assert.Equal("[]", row["Ports"]!.ToJsonString());
        Assert.Equal("{}", row["Labels"]!.ToJsonString());
        Assert.Equal("[]", row["Mounts"]!.ToJsonString());
        Assert.Equal("{}", row["HostConfig"]!.ToJsonString());
        Assert.False(row.ContainsKey("SizeRw"));
        Assert.False(row.ContainsKey("SizeRootFs"));
    }

    [Fact]
    public void Serialize_EmptyInspect_FollowsDockersNullAndOmitRules()
    {
        var inspect = Written(new ContainerInspectResponse { State = new ContainerState() }, Json.ContainerInspectResponse);

        Assert.Equal("[]", inspect["Args"]!.ToJsonString());
        Assert.Equal("[]", inspect["Mounts"]!.ToJsonString());
        Assert.True(inspect.ContainsKey("ExecIDs"));
        Assert.Null(inspect["ExecIDs"]);
        Assert.False(inspect.ContainsKey("SizeRw"));
        Assert.False(inspect.ContainsKey("SizeRootFs"));
        Assert.Equal("""{"Name":"","Data":{}}""", inspect["GraphDriver"]!.ToJsonString());
        Assert.False(inspect["State"]!.AsObject().ContainsKey("Health"));
        Assert.Equal(DockerTimestamp.Zero, (string?)inspect["State"]!["StartedAt"]);
    }

    [Fact]
    public void Serialize_EmptyHostConfig_WritesGoZeroValuesAndPointersAsNull()
    {
        var host = Written(new HostConfig(), Json.HostConfig);

        Assert.Equal("[0,0]", host["ConsoleSize"]!.ToJsonString());
        Assert.Equal("""{"Type":"","Config":null}""", host["LogConfig"]!.ToJsonString());
        Assert.Equal("""{"Name":"","MaximumRetryCount":0}""", host["RestartPolicy"]!.ToJsonString());
        Assert.True(host.ContainsKey("PidsLimit"));
        Assert.Null(host["PidsLimit"]);
        Assert.True(host.ContainsKey("OomKillDisable"));
        Assert.Null(host["OomKillDisable"]);
        Assert.True(host.ContainsKey("Binds"));
        Assert.Null(host["Binds"]);
        Assert.Equal(0, (long?)host["Memory"]);
        foreach (var omitted in new[] { "Init", "KernelMemory", "KernelMemoryTCP", "Annotations", "StorageOpt", "Tmpfs", "Sysctls", "Runtime", "Mounts" })
            Assert.False(host.ContainsKey(omitted), omitted);
    }

    [Fact]
    public void Serialize_EmptyConfig_OmitsOmitemptyFieldsAndWritesNullSlices()
    {
        var config = Written(new ContainerConfig(), Json.ContainerConfig);

        foreach (var omitted in new[] { "ExposedPorts", "Healthcheck", "ArgsEscaped", "NetworkDisabled", "MacAddress", "StopSignal", "StopTimeout", "Shell" })
            Assert.False(config.ContainsKey(omitted), omitted);
        foreach (var nullField in new[] { "Env", "Cmd", "Volumes", "Entrypoint", "OnBuild", "Labels" })
        {
            Assert.True(config.ContainsKey(nullField), nullField);
            Assert.Null(config[nullField]);
        }
    }

    [Fact]
    public void Serialize_SetMaps_WriteEmptyObjectValues()
    {
        var config = Written(new ContainerConfig
        {
            ExposedPorts = new() { ["80/tcp"] = EmptyObject.Instance },
            Volumes = new() { ["/data"] = EmptyObject.Instance },
        }, Json.ContainerConfig);

        Assert.Equal("""{"80/tcp":{}}""", config["ExposedPorts"]!.ToJsonString());
        Assert.Equal("""{"/data":{}}""", config["Volumes"]!.ToJsonString());
    }

    [Fact]
    public void Deserialize_DockerPyStyleNulls_ReadAsGoZeroValues()
    {
        // docker-py sends every option the user did not give as null.
        const string body = """
            {
              "Hostname": null, "Domainname": null, "User": null, "Tty": false, "Env": null, "Cmd": null,
              "Image": "busybox", "Volumes": null, "NetworkDisabled": false, "Entrypoint": null, "WorkingDir": null,
              "Labels": null, "StopSignal": null, "Healthcheck": null, "MacAddress": null, "StopTimeout": null,
              "HostConfig": {
                "RestartPolicy": null, "LogConfig": null, "Memory": null, "OomKillDisable": null, "PidsLimit": null,
                "ConsoleSize": null, "NetworkMode": null, "Privileged": null, "OomScoreAdj": null, "BlkioWeight": null,
                "IOMaximumIOps": null
              }
            }
            """;

        var request = JsonSerializer.Deserialize(body, Json.ContainerCreateRequest)!;

        Assert.Equal("", request.Hostname);
        Assert.Equal("", request.WorkingDir);
        Assert.Null(request.Cmd);
        Assert.Null(request.StopTimeout);
        var host = request.HostConfig!;
        Assert.Equal("", host.RestartPolicy.Name);
        Assert.Equal("", host.LogConfig.Type);
        Assert.Equal(0, host.Memory);
        Assert.Null(host.OomKillDisable);
        Assert.Null(host.PidsLimit);
        Assert.Equal([0u, 0u], host.ConsoleSize);
        Assert.Equal("", host.NetworkMode);
        Assert.False(host.Privileged);
        Assert.Equal(0, host.OomScoreAdj);
        Assert.Equal(0, host.BlkioWeight);
        Assert.Equal(0ul, host.IoMaximumIOps);
    }

    [Fact]
    public void Deserialize_PointerFieldsWithValues_KeepThem()
    {
        const string body = """{"HostConfig": {"OomKillDisable": true, "PidsLimit": -1, "MemorySwappiness": 0, "Init": false}}""";

        var host = JsonSerializer.Deserialize(body, Json.ContainerCreateRequest)!.HostConfig!;

        Assert.True(host.OomKillDisable);
        Assert.Equal(-1, host.PidsLimit);
        Assert.Equal(0, host.MemorySwappiness);
        Assert.False(host.Init);
    }

    [Fact]
    public void Deserialize_NamesInAnotherCase_MatchAsGoDoes()
    {
        const string body = """{"image": "alpine", "hostconfig": {"memory": 1048576, "networkmode": "host", "utsmode": "host"}}""";

        var request = JsonSerializer.Deserialize(body, Json.ContainerCreateRequest)!;

        Assert.Equal("alpine", request.Image);
        Assert.Equal(1048576, request.HostConfig!.Memory);
        Assert.Equal("host", request.HostConfig.NetworkMode);
        Assert.Equal("host", request.HostConfig.UtsMode);
    }

    [Fact]
    public void Deserialize_CommandAsString_IsOneElementList()
    {
        const string body = """{"Cmd": "echo hi", "Entrypoint": "", "Shell": "/bin/bash", "HostConfig": {"CapAdd": "NET_ADMIN"}}""";

        var request = JsonSerializer.Deserialize(body, Json.ContainerCreateRequest)!;

        Assert.Equal(["echo hi"], request.Cmd!);
        Assert.Equal([""], request.Entrypoint!);
        Assert.Equal(["/bin/bash"], request.Shell!);
        Assert.Equal(["NET_ADMIN"], request.HostConfig!.CapAdd!);
        var written = Written(request, Json.ContainerCreateRequest);
        Assert.Equal("""[""]""", written["Entrypoint"]!.ToJsonString());
    }

    [Fact]
    public void Deserialize_UnknownFields_AreIgnored()
    {
        const string body = """{"Image": "busybox", "FutureField": {"nested": [1, 2]}, "HostConfig": {"MaximumIOps": 0, "MaximumIOBps": 0, "Memory": 5}}""";

        var request = JsonSerializer.Deserialize(body, Json.ContainerCreateRequest)!;

        Assert.Equal("busybox", request.Image);
        Assert.Equal(5, request.HostConfig!.Memory);
    }

    [Theory]
    [InlineData("""{"HostConfig": {"Memory": "lots"}}""", "Memory")]
    [InlineData("""{"Tty": "yes"}""", "Tty")]
    [InlineData("""{"Cmd": 5}""", "Cmd")]
    [InlineData("""{"HostConfig": {"BlkioWeight": 70000}}""", "BlkioWeight")]
    public void Deserialize_WrongType_ThrowsNamingTheField(string body, string field)
    {
        var e = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(body, Json.ContainerCreateRequest));

        Assert.Contains(field, e.Path ?? e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RoundTrip_LargeNumbers_AreNotTruncated()
    {
        var host = new HostConfig { Memory = 64L * 1024 * 1024 * 1024, NanoCpus = 16_000_000_000, ShmSize = long.MaxValue, IoMaximumBandwidth = ulong.MaxValue };

        var back = JsonSerializer.Deserialize(JsonSerializer.Serialize(host, Json.HostConfig), Json.HostConfig)!;

        Assert.Equal(host.Memory, back.Memory);
        Assert.Equal(host.NanoCpus, back.NanoCpus);
        Assert.Equal(long.MaxValue, back.ShmSize);
        Assert.Equal(ulong.MaxValue, back.IoMaximumBandwidth);
    }

    [Fact]
    public void Deserialize_PortMapWithNullBindings_KeepsTheKey()
    {
        const string body = """{"Ports": {"2377/tcp": null, "80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}]}, "Networks": null}""";

        var inspect = JsonSerializer.Deserialize("""{"NetworkSettings": """ + body + "}", Json.ContainerInspectResponse)!;
        var settings = inspect.NetworkSettings!;

        Assert.True(settings.Ports!.ContainsKey("2377/tcp"));
        Assert.Null(settings.Ports["2377/tcp"]);
        Assert.Equal("8080", settings.Ports["80/tcp"]![0].HostPort);
        Assert.Empty(settings.Networks);
        Assert.Contains("\"2377/tcp\":null", JsonSerializer.Serialize(inspect, Json.ContainerInspectResponse), StringComparison.Ordinal);
    }

    [Fact]
    public void Mount_Unset_WritesEmptyObject()
    {
        var request = new ContainerCreateRequest { HostConfig = new HostConfig { Mounts = [new Mount()] } };

        var written = Written(request, Json.ContainerCreateRequest);

        Assert.Equal("{}", written["HostConfig"]!["Mounts"]![0]!.ToJsonString());
    }

    [Fact]
    public void Mount_TmpfsAndVolumeOptions_RoundTrip()
    {
        const string body = """
            {"HostConfig": {"Mounts": [
              {"Type": "tmpfs", "Target": "/run", "TmpfsOptions": {"SizeBytes": 65536, "Mode": 1023, "Options": [["noexec"], ["uid", "1000"]]}},
              {"Type": "volume", "Source": "data", "Target": "/data", "ReadOnly": true,
               "VolumeOptions": {"NoCopy": true, "Subpath": "sub", "Labels": {"a": "b"}, "DriverConfig": {"Name": "local", "Options": {"o": "bind"}}}},
              {"Type": "bind", "Source": "/src", "Target": "/dst", "BindOptions": {"Propagation": "rslave", "ReadOnlyNonRecursive": true, "CreateMountpoint": true}}
            ]}}
            """;

        var request = JsonSerializer.Deserialize(body, Json.ContainerCreateRequest)!;

        Assert.Equal(1023u, request.HostConfig!.Mounts![0].TmpfsOptions!.Mode);
        Assert.Equal("local", request.HostConfig.Mounts[1].VolumeOptions!.DriverConfig!.Name);
        JsonSubset.AssertContains(body, JsonSerializer.Serialize(request, Json.ContainerCreateRequest));
    }
}
