using System.Text;
using Cais.Integration.Tests.Cli;
using Cais.TestSupport;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Cais.Integration.Tests.Clients;

/// <summary>Docker.DotNet, unchanged, against a real cais daemon: what a .NET user of Docker does.</summary>
public sealed class DockerDotNetTests(CaisDaemonFixture daemon) : IClassFixture<CaisDaemonFixture>
{
    DockerClient Client() => new DockerClientConfiguration(new Uri(daemon.Host)).CreateClient();

    [RootFact]
    public async Task CreateStartWaitLogsRemove()
    {
        using var client = Client();
        var name = "dotnet-" + TempDir.RandomName();
        var created = await client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = "busybox",
            Name = name,
            Cmd = ["sh", "-c", "echo out; echo err >&2; exit 3"],
            Labels = new Dictionary<string, string> { ["test"] = "docker.dotnet" },
        });
        Assert.Equal(64, created.ID.Length);

        Assert.True(await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters()));
        var waited = await client.Containers.WaitContainerAsync(created.ID);
        Assert.Equal(3, waited.StatusCode);

        var inspect = await client.Containers.InspectContainerAsync(created.ID);
        Assert.Equal("/" + name, inspect.Name);
        Assert.Equal("exited", inspect.State.Status);
        Assert.Equal(3, inspect.State.ExitCode);
        Assert.Equal("docker.dotnet", inspect.Config.Labels["test"]);

        using (var logs = await client.Containers.GetContainerLogsAsync(created.ID, tty: false,
                   new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }))
        {
            var (stdout, stderr) = await logs.ReadOutputToEndAsync(CancellationToken.None);
            Assert.Equal("out\n", stdout);
            Assert.Equal("err\n", stderr);
        }

        var listed = await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [name] = true } },
        });
        Assert.Equal(created.ID, Assert.Single(listed).ID);

        await client.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true });
        await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => client.Containers.InspectContainerAsync(created.ID));
    }

    [RootFact]
    public async Task ExecAndVersion()
    {
        using var client = Client();
        var version = await client.System.GetVersionAsync();
        Assert.Equal("1.47", version.APIVersion);

        var created = await client.Containers.CreateContainerAsync(new CreateContainerParameters { Image = "busybox", Cmd = ["sleep", "300"] });
        try
        {
            await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
            var exec = await client.Exec.ExecCreateContainerAsync(created.ID, new ContainerExecCreateParameters
            {
                Cmd = ["sh", "-c", "echo from-exec; exit 4"], AttachStdout = true, AttachStderr = true,
            });
            using (var stream = await client.Exec.StartAndAttachContainerExecAsync(exec.ID, tty: false))
            {
                var (stdout, _) = await stream.ReadOutputToEndAsync(CancellationToken.None);
                Assert.Equal("from-exec\n", stdout);
            }
            var inspect = await client.Exec.InspectContainerExecAsync(exec.ID);
            Assert.False(inspect.Running);
            Assert.Equal(4, inspect.ExitCode);
        }
        finally
        {
            await client.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true });
        }
    }

    [RootFact]
    public async Task MissingContainer_IsNotFound()
    {
        using var client = Client();
        var e = await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => client.Containers.InspectContainerAsync("no-such-container"));
        Assert.Contains("No such container: no-such-container", e.Message);
    }
}
