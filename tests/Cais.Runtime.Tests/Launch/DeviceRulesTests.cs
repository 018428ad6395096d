using Cais.Runtime.Launch;
using Cais.Runtime.Spec;

namespace Cais.Runtime.Tests.Launch;

public class DeviceRulesTests
{
    [Fact]
    public void WithRuntimeDefaults_NoRules_LeavesResourcesAlone()
    {
        var r = new ResourcesSpec { Memory = new() { Limit = 1 } };
        Assert.Same(r, DeviceRules.WithRuntimeDefaults(r, null));
    }

    [Fact]
    public void WithRuntimeDefaults_DenyAll_AppendsStandardDevicesAndConfigDevices()
    {
        var r = new ResourcesSpec { Devices = [new() { Allow = false, Access = "rwm" }], Pids = new() { Limit = 5 } };
        var result = DeviceRules.WithRuntimeDefaults(r, [new DeviceSpec { Path = "/dev/fuse", Type = "c", Major = 10, Minor = 229 }])!;
        Assert.False(result.Devices![0].Allow);
        Assert.Contains(result.Devices, d => d.Allow && d.Type == "c" && d.Major == 1 && d.Minor == 3);
        Assert.Contains(result.Devices, d => d.Allow && d.Type == "c" && d.Major == 136 && d.Minor is null);
        Assert.Contains(result.Devices, d => d.Allow && d.Major == 10 && d.Minor == 229);
        Assert.Equal(5, result.Pids!.Limit);
    }
}
