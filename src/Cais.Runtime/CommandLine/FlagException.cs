namespace Cais.CommandLine;

/// <summary>
/// The command line is wrong: an unknown flag, a missing or malformed value. The message uses
/// spf13/pflag's wording, so cais prints what docker prints for the same mistake.
/// </summary>
public class FlagException(string message) : Exception(message);

/// <summary>
/// <c>-h</c> or <c>--help</c> was given and the flag set defines no flag of that name
/// (pflag's <c>ErrHelp</c>). The caller prints usage and exits 0.
/// </summary>
public sealed class HelpRequestedException() : FlagException("pflag: help requested");
