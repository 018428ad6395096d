using System.Text;

namespace Cais.Images.Tests.Model;

/// <summary>
/// Image documents written by hand in the shape registries serve them: a Docker v2 manifest,
/// an OCI index with BuildKit attestations, a Docker manifest list, and a config as Docker's
/// classic builder writes it (legacy fields, "Entrypoint": null, {} maps, Healthcheck, history).
/// </summary>
static class Samples
{
    public const string ConfigDigest = "sha256:a416a98b71e224a31ee99cff8e16063554498227d2b696152a9c3e0aa65e5824";
    public const string Layer0 = "sha256:9ad63333ebc97e32b987ae66aa3cff81300e4c2e6d2f2395cef8a3ae18b249fe";
    public const string Layer1 = "sha256:0f6b9d2f1fbc2fb3b9bb3c1b9a6bd7b3e3ad8d0c64bb1d0e7fbd1f0ba9b4e2c1";

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    public const string DockerManifest = """
        {
           "schemaVersion": 2,
           "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
           "config": {
              "mediaType": "application/vnd.docker.container.image.v1+json",
              "size": 1457,
              "digest": "sha256:a416a98b71e224a31ee99cff8e16063554498227d2b696152a9c3e0aa65e5824"
           },
           "layers": [
              {
                 "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                 "size": 2220094,
                 "digest": "sha256:9ad63333ebc97e32b987ae66aa3cff81300e4c2e6d2f2395cef8a3ae18b249fe"
              },
              {
                 "mediaType": "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
                 "size": 1024,
                 "digest": "sha256:0f6b9d2f1fbc2fb3b9bb3c1b9a6bd7b3e3ad8d0c64bb1d0e7fbd1f0ba9b4e2c1",
                 "urls": ["https://mcr.microsoft.com/v2/windows/blobs/sha256:0f6b9d2f"]
              }
           ]
        }
        """;

    /// <summary>Like docker.io/library/busybox:latest today: platforms plus one attestation per image.</summary>
    public const string OciIndexWithAttestations = """
        {"manifests":[
        {"annotations":{"com.docker.official-images.bashbrew.arch":"amd64","org.opencontainers.image.base.name":"scratch"},"digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","mediaType":"application/vnd.oci.image.manifest.v1+json","platform":{"architecture":"amd64","os":"linux"},"size":610},
        {"annotations":{"vnd.docker.reference.digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","vnd.docker.reference.type":"attestation-manifest"},"digest":"sha256:2222222222222222222222222222222222222222222222222222222222222222","mediaType":"application/vnd.oci.image.manifest.v1+json","platform":{"architecture":"unknown","os":"unknown"},"size":839},
        {"digest":"sha256:3333333333333333333333333333333333333333333333333333333333333333","mediaType":"application/vnd.oci.image.manifest.v1+json","platform":{"architecture":"arm","os":"linux","variant":"v6"},"size":610},
        {"digest":"sha256:4444444444444444444444444444444444444444444444444444444444444444","mediaType":"application/vnd.oci.image.manifest.v1+json","platform":{"architecture":"arm","os":"linux","variant":"v7"},"size":610},
        {"digest":"sha256:5555555555555555555555555555555555555555555555555555555555555555","mediaType":"application/vnd.oci.image.manifest.v1+json","platform":{"architecture":"arm64","os":"linux","variant":"v8"},"size":610},
        {"annotations":{"vnd.docker.reference.digest":"sha256:5555555555555555555555555555555555555555555555555555555555555555","vnd.docker.reference.type":"attestation-manifest"},"digest":"sha256:6666666666666666666666666666666666666666666666666666666666666666","mediaType":"application/vnd.oci.image.manifest.v1+json","platform":{"architecture":"unknown","os":"unknown"},"size":839},
        {"digest":"sha256:7777777777777777777777777777777777777777777777777777777777777777","mediaType":"application/vnd.oci.image.manifest.v1+json","platform":{"architecture":"386","os":"linux"},"size":610}
        ],"mediaType":"application/vnd.oci.image.index.v1+json","schemaVersion":2}
        """;

    public const string DockerManifestList = """
        {
          "schemaVersion": 2,
          "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
          "manifests": [
            {"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "size": 528,
             "digest": "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
             "platform": {"architecture": "ppc64le", "os": "linux"}},
            {"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "size": 528,
             "digest": "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
             "platform": {"architecture": "x86_64", "os": "Linux", "features": ["sse4"]}},
            {"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "size": 528,
             "digest": "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc",
             "platform": {"architecture": "windows-only", "os": "windows", "os.version": "10.0.17763.5206"}}
          ]
        }
        """;

    /// <summary>As Docker's classic builder writes a config (fields in Go struct order, legacy fields kept).</summary>
    public const string DockerConfig = """
        {"architecture":"amd64","config":{"Hostname":"","Domainname":"","User":"app","AttachStdin":false,"ExposedPorts":{"80/tcp":{},"53/udp":{}},"Tty":false,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","NGINX_VERSION=1.25.3"],"Cmd":["nginx","-g","daemon off;"],"Healthcheck":{"Test":["CMD-SHELL","curl -f http://localhost/ || exit 1"],"Interval":30000000000,"Timeout":5000000000,"StartPeriod":10000000000,"StartInterval":2000000000,"Retries":3},"ArgsEscaped":true,"Image":"sha256:3f57d9401f8d42f986df300f0c69192fc41da28ccc8d797829467780db3dd741","Volumes":{"/var/cache/nginx":{}},"WorkingDir":"/srv","Entrypoint":null,"OnBuild":null,"Labels":{"maintainer":"NGINX Docker Maintainers"},"StopSignal":"SIGQUIT","StopTimeout":20,"Shell":["/bin/bash","-c"]},"container":"8d4f0bbbcd7e1b1b3c2f1d6f77b1c3d7e6f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6","container_config":{"Hostname":"8d4f0bbbcd7e","Cmd":["/bin/sh","-c","#(nop) ","CMD [\"nginx\" \"-g\" \"daemon off;\"]"]},"created":"2023-11-01T01:09:06.382747131Z","docker_version":"20.10.23","history":[{"created":"2023-10-31T22:20:42.234447542Z","created_by":"/bin/sh -c #(nop) ADD file:94ad2ad2de6cbe3b2a8e2d0b1e3c6f5e4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d in / "},{"created":"2023-10-31T22:20:42.594442543Z","created_by":"/bin/sh -c #(nop)  CMD [\"bash\"]","empty_layer":true},{"created":"2023-11-01T01:09:06.382747131Z","created_by":"RUN /bin/sh -c apt-get update # buildkit","author":"someone","comment":"buildkit.dockerfile.v0"}],"os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:4fbec69b941195fd56f8212a5000e304129451d82efca94ff0e0fb2d5355472e","sha256:77ea7eee3d80b1a38f83906dd3048e2689457eb90e18a7d12f839c5ae37106a2"]}}
        """;
}
