using Cais.Images.Snapshots;

namespace Cais.Images.Tests.Snapshots;

public class SnapshotLayoutTests
{
    const string A = "AAAAAAAAAAAAAAAAAAAAAAAAAA", B = "BBBBBBBBBBBBBBBBBBBBBBBBB2", C = "CCCCCCCCCCCCCCCCCCCCCCCCC3";

    [Fact]
    public void NewLinkName_Always_Is26UppercaseLettersOrDigits()
    {
        var names = Enumerable.Range(0, 200).Select(_ => SnapshotLayout.NewLinkName()).ToList();
        Assert.All(names, n => Assert.Matches("^[A-Z0-9]{26}$", n));
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void LowerAbove_BaseParent_NamesOnlyTheParent() =>
        Assert.Equal($"l/{A}", SnapshotLayout.LowerAbove(A, null));

    [Fact]
    public void LowerAbove_ParentWithLowers_PutsParentFirst() =>
        Assert.Equal($"l/{A}:l/{B}:l/{C}", SnapshotLayout.LowerAbove(A, $"l/{B}:l/{C}"));

    [Fact]
    public void ParseLower_TopFirstString_ReturnsEntriesInOrder()
    {
        Assert.Equal([$"l/{A}", $"l/{B}"], SnapshotLayout.ParseLower($"l/{A}:l/{B}"));
        Assert.Empty(SnapshotLayout.ParseLower(null));
        Assert.Empty(SnapshotLayout.ParseLower(""));
    }

    [Theory]
    [InlineData("l/short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("l/AAAAAAAAAAAAAAAAAAAAAAAAAA:../etc")]
    [InlineData("l/aaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void ParseLower_MalformedEntry_ThrowsNamingIt(string lower)
    {
        var e = Assert.Throws<InvalidDataException>(() => SnapshotLayout.ParseLower(lower));
        Assert.Contains("lower file entry", e.Message);
    }

    [Fact]
    public void Depth_CountsEntries()
    {
        Assert.Equal(0, SnapshotLayout.Depth(null));
        Assert.Equal(1, SnapshotLayout.Depth($"l/{A}"));
        Assert.Equal(3, SnapshotLayout.Depth($"l/{A}:l/{B}:l/{C}"));
    }

    [Fact]
    public void LinkTarget_RoundTripsThroughHexOfLinkTarget()
    {
        var hex = new string('a', 64);
        Assert.Equal($"../layers/{hex}/diff", SnapshotLayout.LinkTarget(hex));
        Assert.Equal(hex, SnapshotLayout.HexOfLinkTarget(SnapshotLayout.LinkTarget(hex)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/etc")]
    [InlineData("../layers/nothex/diff")]
    [InlineData("../containers/aaaa/diff")]
    public void HexOfLinkTarget_NotOurs_ReturnsNull(string? target) => Assert.Null(SnapshotLayout.HexOfLinkTarget(target));

    [Theory]
    [InlineData("abc", true)]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("abc-init", true)]
    [InlineData("my_container.1", true)]
    [InlineData("", false)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData(".hidden", false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    public void IsValidKey_Examples(string key, bool valid) => Assert.Equal(valid, SnapshotLayout.IsValidKey(key));

    [Fact]
    public void HexOf_NotSha256_Throws()
    {
        Assert.Throws<ArgumentException>(() => SnapshotLayout.HexOf(default));
        Assert.Throws<ArgumentException>(() => SnapshotLayout.HexOf(Digest.Parse("sha512:" + new string('a', 128))));
        Assert.Equal(new string('b', 64), SnapshotLayout.HexOf(Digest.Sha256(new string('b', 64))));
    }
}
