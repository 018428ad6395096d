namespace Cais.Api.Tests.Models;

/// <summary>
/// Examples from moby's API reference (<c>docs/api/v1.47.yaml</c>), transcribed to JSON. Where
/// the reference's example has a typo or a field Docker never had, the note says what changed.
/// </summary>
static class SwaggerExamples
{
    /// <summary>The <c>POST /containers/create</c> body example. Changes: the broken
    /// <c>DeviceIDs"</c> key is spelled right; <c>MaximumIOps</c>/<c>MaximumIOBps</c> (not Docker
    /// fields) and <c>Entrypoint: ""</c> (which reads as <c>[""]</c>) are tested separately.</summary>
    public const string ContainerCreate = """
        {
          "Hostname": "", "Domainname": "", "User": "",
          "AttachStdin": false, "AttachStdout": true, "AttachStderr": true,
          "Tty": false, "OpenStdin": false, "StdinOnce": false,
          "Env": ["FOO=bar", "BAZ=quux"],
          "Cmd": ["date"],
          "Image": "ubuntu",
          "Labels": {"com.example.vendor": "Acme", "com.example.license": "GPL", "com.example.version": "1.0"},
          "Volumes": {"/volumes/data": {}},
          "WorkingDir": "",
          "NetworkDisabled": true,
          "MacAddress": "12:34:56:78:9a:bc",
          "ExposedPorts": {"22/tcp": {}},
          "StopSignal": "SIGTERM",
          "StopTimeout": 10,
          "HostConfig": {
            "Binds": ["/tmp:/tmp"],
            "Links": ["redis3:redis"],
            "Memory": 0, "MemorySwap": 0, "MemoryReservation": 0,
            "NanoCpus": 500000, "CpuPercent": 80, "CpuShares": 512, "CpuPeriod": 100000,
            "CpuRealtimePeriod": 1000000, "CpuRealtimeRuntime": 10000, "CpuQuota": 50000,
            "CpusetCpus": "0,1", "CpusetMems": "0,1",
            "BlkioWeight": 300,
            "BlkioWeightDevice": [{}],
            "BlkioDeviceReadBps": [{}],
            "BlkioDeviceReadIOps": [{}],
            "BlkioDeviceWriteBps": [{}],
            "BlkioDeviceWriteIOps": [{}],
            "DeviceRequests": [{
              "Driver": "nvidia", "Count": -1,
              "DeviceIDs": ["0", "1", "GPU-fef8089b-4820-abfc-e83e-94318197576e"],
              "Capabilities": [["gpu", "nvidia", "compute"]],
              "Options": {"property1": "string", "property2": "string"}
            }],
            "MemorySwappiness": 60,
            "OomKillDisable": false,
            "OomScoreAdj": 500,
            "PidMode": "",
            "PidsLimit": 0,
            "PortBindings": {"22/tcp": [{"HostPort": "11022"}]},
            "PublishAllPorts": false, "Privileged": false, "ReadonlyRootfs": false,
            "Dns": ["8.8.8.8"], "DnsOptions": [""], "DnsSearch": [""],
            "VolumesFrom": ["parent", "other:ro"],
            "CapAdd": ["NET_ADMIN"], "CapDrop": ["MKNOD"],
            "GroupAdd": ["newgroup"],
            "RestartPolicy": {"Name": "", "MaximumRetryCount": 0},
            "AutoRemove": true,
            "NetworkMode": "bridge",
            "Devices": [],
            "Ulimits": [{}],
            "LogConfig": {"Type": "json-file", "Config": {}},
            "SecurityOpt": [],
            "StorageOpt": {},
            "CgroupParent": "",
            "VolumeDriver": "",
            "ShmSize": 67108864
          },
          "NetworkingConfig": {
            "EndpointsConfig": {
              "isolated_nw": {
                "IPAMConfig": {"IPv4Address": "172.20.30.33", "IPv6Address": "2001:db8:abcd::3033", "LinkLocalIPs": ["169.254.34.68", "fe80::3468"]},
                "Links": ["container_1", "container_2"],
                "Aliases": ["server_x", "server_y"]
              },
              "database_nw": {}
            }
          }
        }
        """;

    /// <summary>The <c>GET /containers/{id}/json</c> example. Changes: the <c>DeviceIDs"</c>
    /// typo; <c>MaximumIOps</c>/<c>MaximumIOBps</c> dropped.</summary>
    public const string ContainerInspect = """
        {
          "AppArmorProfile": "",
          "Args": ["-c", "exit 9"],
          "Config": {
            "AttachStderr": true, "AttachStdin": false, "AttachStdout": true,
            "Cmd": ["/bin/sh", "-c", "exit 9"],
            "Domainname": "",
            "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
            "Healthcheck": {"Test": ["CMD-SHELL", "exit 0"]},
            "Hostname": "ba033ac44011",
            "Image": "ubuntu",
            "Labels": {"com.example.vendor": "Acme", "com.example.license": "GPL", "com.example.version": "1.0"},
            "MacAddress": "",
            "OpenStdin": false, "StdinOnce": false, "Tty": false,
            "User": "",
            "Volumes": {"/volumes/data": {}},
            "WorkingDir": "",
            "StopSignal": "SIGTERM",
            "StopTimeout": 10
          },
          "Created": "2015-01-06T15:47:31.485331387Z",
          "Driver": "overlay2",
          "ExecIDs": ["b35395de42bc8abd327f9dd65d913b9ba28c74d2f0734eeeae84fa1c616a0fca", "3fc1232e5cd20c8de182ed81178503dc6437f4e7ef12b52cc5e8de020652f1c4"],
          "HostConfig": {
            "BlkioWeight": 0,
            "BlkioWeightDevice": [{}], "BlkioDeviceReadBps": [{}], "BlkioDeviceWriteBps": [{}],
            "BlkioDeviceReadIOps": [{}], "BlkioDeviceWriteIOps": [{}],
            "ContainerIDFile": "",
            "CpusetCpus": "", "CpusetMems": "",
            "CpuPercent": 80, "CpuShares": 0, "CpuPeriod": 100000,
            "CpuRealtimePeriod": 1000000, "CpuRealtimeRuntime": 10000,
            "Devices": [],
            "DeviceRequests": [{
              "Driver": "nvidia", "Count": -1,
              "DeviceIDs": ["0", "1", "GPU-fef8089b-4820-abfc-e83e-94318197576e"],
              "Capabilities": [["gpu", "nvidia", "compute"]],
              "Options": {"property1": "string", "property2": "string"}
            }],
            "IpcMode": "",
            "Memory": 0, "MemorySwap": 0, "MemoryReservation": 0,
            "OomKillDisable": false, "OomScoreAdj": 500,
            "NetworkMode": "bridge",
            "PidMode": "",
            "PortBindings": {},
            "Privileged": false, "ReadonlyRootfs": false, "PublishAllPorts": false,
            "RestartPolicy": {"MaximumRetryCount": 2, "Name": "on-failure"},
            "LogConfig": {"Type": "json-file"},
            "Sysctls": {"net.ipv4.ip_forward": "1"},
            "Ulimits": [{}],
            "VolumeDriver": "",
            "ShmSize": 67108864
          },
          "HostnamePath": "/var/lib/docker/containers/ba033ac4401106a3b513bc9d639eee123ad78ca3616b921167cd74b20e25ed39/hostname",
          "HostsPath": "/var/lib/docker/containers/ba033ac4401106a3b513bc9d639eee123ad78ca3616b921167cd74b20e25ed39/hosts",
          "LogPath": "/var/lib/docker/containers/1eb5fabf5a03807136561b3c00adcd2992b535d624d5e18b6cdc6a6844d9767b/1eb5fabf5a03807136561b3c00adcd2992b535d624d5e18b6cdc6a6844d9767b-json.log",
          "Id": "ba033ac4401106a3b513bc9d639eee123ad78ca3616b921167cd74b20e25ed39",
          "Image": "04c5d3b7b0656168630d3ba35d8889bd0e9caafcaeb3004d2bfbc47e7c5d35d2",
          "MountLabel": "",
          "Name": "/boring_euclid",
          "NetworkSettings": {
            "Bridge": "", "SandboxID": "", "HairpinMode": false,
            "LinkLocalIPv6Address": "", "LinkLocalIPv6PrefixLen": 0,
            "SandboxKey": "", "EndpointID": "", "Gateway": "",
            "GlobalIPv6Address": "", "GlobalIPv6PrefixLen": 0,
            "IPAddress": "", "IPPrefixLen": 0, "IPv6Gateway": "", "MacAddress": "",
            "Networks": {
              "bridge": {
                "NetworkID": "7ea29fc1412292a2d7bba362f9253545fecdfa8ce9a6e37dd10ba8bee7129812",
                "EndpointID": "7587b82f0dada3656fda26588aee72630c6fab1536d36e394b2bfbcf898c971d",
                "Gateway": "172.17.0.1",
                "IPAddress": "172.17.0.2",
                "IPPrefixLen": 16,
                "IPv6Gateway": "",
                "GlobalIPv6Address": "",
                "GlobalIPv6PrefixLen": 0,
                "MacAddress": "02:42:ac:12:00:02"
              }
            }
          },
          "Path": "/bin/sh",
          "ProcessLabel": "",
          "ResolvConfPath": "/var/lib/docker/containers/ba033ac4401106a3b513bc9d639eee123ad78ca3616b921167cd74b20e25ed39/resolv.conf",
          "RestartCount": 1,
          "State": {
            "Error": "", "ExitCode": 9,
            "FinishedAt": "2015-01-06T15:47:32.080254511Z",
            "Health": {
              "Status": "healthy", "FailingStreak": 0,
              "Log": [{"Start": "2019-12-22T10:59:05.6385933Z", "End": "2019-12-22T10:59:05.8078452Z", "ExitCode": 0, "Output": ""}]
            },
            "OOMKilled": false, "Dead": false, "Paused": false, "Pid": 0, "Restarting": false, "Running": true,
            "StartedAt": "2015-01-06T15:47:32.072697474Z",
            "Status": "running"
          },
          "Mounts": [{"Name": "fac362...80535", "Source": "/data", "Destination": "/data", "Driver": "local", "Mode": "ro,Z", "RW": false, "Propagation": ""}]
        }
        """;

    /// <summary>The first two rows of the <c>GET /containers/json</c> example, without their
    /// <c>"SizeRootFs": 0</c>: Docker leaves zero sizes out (<c>omitempty</c>), and so does the model.</summary>
    public const string ContainerList = """
        [
          {
            "Id": "8dfafdbc3a40",
            "Names": ["/boring_feynman"],
            "Image": "ubuntu:latest",
            "ImageID": "d74508fb6632491cea586a1fd7d748dfc5274cd6fdfedee309ecdcbc2bf5cb82",
            "Command": "echo 1",
            "Created": 1367854155,
            "State": "Exited",
            "Status": "Exit 0",
            "Ports": [{"PrivatePort": 2222, "PublicPort": 3333, "Type": "tcp"}],
            "Labels": {"com.example.vendor": "Acme", "com.example.license": "GPL", "com.example.version": "1.0"},
            "SizeRw": 12288,
            "HostConfig": {"NetworkMode": "default", "Annotations": {"io.kubernetes.docker.type": "container"}},
            "NetworkSettings": {
              "Networks": {
                "bridge": {
                  "NetworkID": "7ea29fc1412292a2d7bba362f9253545fecdfa8ce9a6e37dd10ba8bee7129812",
                  "EndpointID": "2cdc4edb1ded3631c81f57966563e5c8525b81121bb3706a9a9a3ae102711f3f",
                  "Gateway": "172.17.0.1",
                  "IPAddress": "172.17.0.2",
                  "IPPrefixLen": 16,
                  "IPv6Gateway": "",
                  "GlobalIPv6Address": "",
                  "GlobalIPv6PrefixLen": 0,
                  "MacAddress": "02:42:ac:11:00:02"
                }
              }
            },
            "Mounts": [{"Name": "fac362...80535", "Source": "/data", "Destination": "/data", "Driver": "local", "Mode": "ro,Z", "RW": false, "Propagation": ""}]
          },
          {
            "Id": "9cd87474be90",
            "Names": ["/coolName"],
            "Image": "ubuntu:latest",
            "ImageID": "d74508fb6632491cea586a1fd7d748dfc5274cd6fdfedee309ecdcbc2bf5cb82",
            "Command": "echo 222222",
            "Created": 1367854155,
            "State": "Exited",
            "Status": "Exit 0",
            "Ports": [],
            "Labels": {},
            "SizeRw": 12288,
            "HostConfig": {"NetworkMode": "default"},
            "NetworkSettings": {"Networks": {"bridge": {"NetworkID": "7ea29fc1412292a2d7bba362f9253545fecdfa8ce9a6e37dd10ba8bee7129812", "IPAddress": "172.17.0.8", "IPPrefixLen": 16}}},
            "Mounts": []
          }
        ]
        """;

    /// <summary>The <c>GET /containers/{id}/stats</c> example (cgroup v1 shape), with the
    /// <c>memory_stats.stats</c> map shortened.</summary>
    public const string Stats = """
        {
          "read": "2015-01-08T22:57:31.547920715Z",
          "pids_stats": {"current": 3},
          "networks": {
            "eth0": {"rx_bytes": 5338, "rx_dropped": 0, "rx_errors": 0, "rx_packets": 36, "tx_bytes": 648, "tx_dropped": 0, "tx_errors": 0, "tx_packets": 8},
            "eth5": {"rx_bytes": 4641, "rx_dropped": 0, "rx_errors": 0, "rx_packets": 26, "tx_bytes": 690, "tx_dropped": 0, "tx_errors": 0, "tx_packets": 9}
          },
          "memory_stats": {
            "stats": {"total_pgmajfault": 0, "cache": 0, "rss": 6537216, "total_rss_huge": 6291456, "hierarchical_memory_limit": 67108864, "total_inactive_file": 0},
            "max_usage": 6651904,
            "usage": 6537216,
            "limit": 67108864
          },
          "blkio_stats": {},
          "cpu_stats": {
            "cpu_usage": {"percpu_usage": [8646879, 24472255, 36438778, 30657443], "usage_in_usermode": 50000000, "total_usage": 100215355, "usage_in_kernelmode": 30000000},
            "system_cpu_usage": 739306590000000,
            "online_cpus": 4,
            "throttling_data": {"periods": 0, "throttled_periods": 0, "throttled_time": 0}
          },
          "precpu_stats": {
            "cpu_usage": {"percpu_usage": [8646879, 24350896, 36438778, 30657443], "usage_in_usermode": 50000000, "total_usage": 100093996, "usage_in_kernelmode": 30000000},
            "system_cpu_usage": 9492140000000,
            "online_cpus": 4,
            "throttling_data": {"periods": 0, "throttled_periods": 0, "throttled_time": 0}
          }
        }
        """;

    public const string ExecInspect = """
        {
          "CanRemove": false,
          "ContainerID": "b53ee82b53a40c7dca428523e34f741f3abc51d9f297a14ff874bf761b995126",
          "DetachKeys": "",
          "ExitCode": 2,
          "ID": "f33bbfb39f5b142420f4759b2348913bd4a8d1a6d7fd56499cb41a1bb91d7b3b",
          "OpenStderr": true, "OpenStdin": true, "OpenStdout": true,
          "ProcessConfig": {"arguments": ["-c", "exit 2"], "entrypoint": "sh", "privileged": false, "tty": true, "user": "1000"},
          "Running": false,
          "Pid": 42000
        }
        """;

    /// <summary>The <c>ExecConfig</c> example of <c>POST /containers/{id}/exec</c>.</summary>
    public const string ExecCreate = """
        {"AttachStdin": false, "AttachStdout": true, "AttachStderr": true, "DetachKeys": "ctrl-p,ctrl-q", "Tty": false, "Cmd": ["date"], "Env": ["FOO=bar", "BAZ=quux"]}
        """;

    public const string ExecStart = """
        {"Detach": false, "Tty": true, "ConsoleSize": [80, 64]}
        """;

    /// <summary>The <c>EventMessage</c> example values, with the legacy fields a container event also carries.</summary>
    public const string Event = """
        {
          "status": "create",
          "id": "ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743",
          "from": "alpine:latest",
          "Type": "container",
          "Action": "create",
          "Actor": {
            "ID": "ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743",
            "Attributes": {"com.example.some-label": "some-label-value", "image": "alpine:latest", "name": "my-container"}
          },
          "scope": "local",
          "time": 1629574695,
          "timeNano": 1629574695515050031
        }
        """;

    public const string Top = """
        {
          "Titles": ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"],
          "Processes": [
            ["root", "13642", "882", "0", "17:03", "pts/0", "00:00:00", "/bin/bash"],
            ["root", "13735", "13642", "0", "17:06", "pts/0", "00:00:00", "sleep 10"]
          ]
        }
        """;

    public const string Update = """
        {
          "BlkioWeight": 300, "CpuShares": 512, "CpuPeriod": 100000, "CpuQuota": 50000,
          "CpuRealtimePeriod": 1000000, "CpuRealtimeRuntime": 10000,
          "CpusetCpus": "0,1", "CpusetMems": "0",
          "Memory": 314572800, "MemorySwap": 514288000, "MemoryReservation": 209715200,
          "RestartPolicy": {"MaximumRetryCount": 4, "Name": "on-failure"}
        }
        """;

    public const string Changes = """
        [{"Path": "/dev", "Kind": 0}, {"Path": "/dev/kmsg", "Kind": 1}, {"Path": "/test", "Kind": 1}]
        """;
}
