namespace Cais.Engine.Errors;

// The error categories the engine throws (containerd's errdefs, moby's errdefs). The API layer
// maps each category to one HTTP status in one place; the engine never references ASP.NET.
// Messages are Docker's own where Docker has one ("No such container: x"), because clients and
// users match on them.

/// <summary>The object named does not exist (HTTP 404).</summary>
public class NotFoundException(string message) : Exception(message);

/// <summary>The request conflicts with the object's state: in use, already exists, running (HTTP 409).</summary>
public class ConflictException(string message) : Exception(message);

/// <summary>A parameter of the request is malformed or not allowed (HTTP 400).</summary>
public class InvalidParameterException(string message) : Exception(message);

/// <summary>
/// Nothing had to change: starting a started container, stopping a stopped one (HTTP 304, no
/// body; the docker CLI treats it as success).
/// </summary>
public class NotModifiedException(string message) : Exception(message);
