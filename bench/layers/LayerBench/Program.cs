using System.Diagnostics;
using Cais.Images.Layers;

// LayerBench apply LAYER DIR   -- LayerApplier.Apply of a tar (plain, gzip or zstd) into DIR
// LayerBench diff DIR OUT      -- LayerDiffer.DiffTree of DIR into the file OUT
// Prints the DiffId and the time spent inside the call (run.sh times the whole process).
if (args.Length != 3 || args[0] is not ("apply" or "diff"))
{
    Console.Error.WriteLine("usage: LayerBench apply LAYER DIR | diff DIR OUT");
    return 2;
}
var clock = Stopwatch.StartNew();
string digest;
if (args[0] == "apply")
{
    using var layer = new FileStream(args[1], FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
    digest = LayerApplier.Apply(layer, args[2]).DiffId.ToString();
}
else
{
    using var output = new FileStream(args[2], FileMode.Create, FileAccess.Write, FileShare.None, 1);
    digest = LayerDiffer.DiffTree(args[1], output).DiffId.ToString();
}
Console.WriteLine($"{digest} {clock.Elapsed.TotalMilliseconds:F0} ms");
return 0;
