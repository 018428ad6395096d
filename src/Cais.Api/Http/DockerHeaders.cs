using Cais.Api.Hosting;
using Microsoft.AspNetCore.Http;

namespace Cais.Api.Http;

/// <summary>
/// The headers Docker's daemon puts on every response. Clients read Api-Version from /_ping to
/// negotiate (the docker CLI uses min(its own, this)); Ostype and Docker-Experimental decide
/// which commands it offers. Go canonicalises "API-Version" and "OSType" to these spellings.
/// </summary>
internal static class DockerHeaders
{
    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers["Api-Version"] = ServerIdentity.MaxApiVersion;
        headers["Docker-Experimental"] = "false";
        headers["Ostype"] = "linux";
        headers.Server = ServerIdentity.ServerHeader;
    }
}
