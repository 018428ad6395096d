using System.Text;

namespace Cais.Cli.Format.Templates;

/// <summary>len, index and slice over strings (by UTF-8 byte, as Go), arrays and maps.</summary>
static class CollectionFunctions
{
    public static TemplateValue Length(TemplateValue item) => item.Kind switch
    {
        TemplateValueKind.String => TemplateValue.FromInt(Encoding.UTF8.GetByteCount(item.AsString)),
        TemplateValueKind.Array or TemplateValueKind.Map => TemplateValue.FromInt(item.Count),
        TemplateValueKind.Missing or TemplateValueKind.Nil => throw new TemplateCallException("len of nil pointer"),
        _ => throw new TemplateCallException($"len of type {item.GoTypeName}"),
    };

    /// <summary>index X 1 "key" ...: each index applied to the result of the one before. A missing map key gives no value.</summary>
    public static TemplateValue Index(TemplateValue item, ReadOnlySpan<TemplateValue> indexes)
    {
        if (item.Kind is TemplateValueKind.Missing or TemplateValueKind.Nil)
            throw new TemplateCallException("index of untyped nil");
        foreach (var index in indexes)
        {
            switch (item.Kind)
            {
                case TemplateValueKind.Array:
                    item = item[IndexArgument(index, item.Count, inclusive: false)];
                    break;
                case TemplateValueKind.String:
                    var bytes = Encoding.UTF8.GetBytes(item.AsString);
                    item = TemplateValue.FromInt(bytes[IndexArgument(index, bytes.Length, inclusive: false)]);
                    break;
                case TemplateValueKind.Map:
                    if (index.Kind != TemplateValueKind.String)
                        throw new TemplateCallException(index.Kind is TemplateValueKind.Missing or TemplateValueKind.Nil
                            ? "value is nil; should be of type string"
                            : $"value has type {index.GoTypeName}; should be string");
                    item = item.TryGetEntry(index.AsString, out var entry) ? entry : TemplateValue.Missing;
                    break;
                case TemplateValueKind.Missing or TemplateValueKind.Nil:
                    throw new TemplateCallException("index of nil pointer");
                default:
                    throw new TemplateCallException($"can't index item of type {item.GoTypeName}");
            }
        }
        return item;
    }

    /// <summary>slice X 1 2: X[1:2] of a string (bytes) or an array; "slice X 1" is X[1:].</summary>
    public static TemplateValue Slice(TemplateValue item, ReadOnlySpan<TemplateValue> indexes)
    {
        if (item.Kind is TemplateValueKind.Missing or TemplateValueKind.Nil)
            throw new TemplateCallException("slice of untyped nil");
        if (indexes.Length > 3)
            throw new TemplateCallException($"too many slice indexes: {indexes.Length}");
        int length = item.Kind switch
        {
            TemplateValueKind.String when indexes.Length == 3 => throw new TemplateCallException("cannot 3-index slice a string"),
            TemplateValueKind.String => Encoding.UTF8.GetByteCount(item.AsString),
            TemplateValueKind.Array => item.Count,
            _ => throw new TemplateCallException($"can't slice item of type {item.GoTypeName}"),
        };
        int[] bounds = [0, length, length];
        for (int i = 0; i < indexes.Length; i++)
            bounds[i] = IndexArgument(indexes[i], length, inclusive: true);
        if (bounds[0] > bounds[1])
            throw new TemplateCallException($"invalid slice index: {bounds[0]} > {bounds[1]}");
        if (indexes.Length == 3 && bounds[1] > bounds[2])
            throw new TemplateCallException($"invalid slice index: {bounds[1]} > {bounds[2]}");
        if (item.Kind == TemplateValueKind.String)
        {
            var bytes = Encoding.UTF8.GetBytes(item.AsString);
            return TemplateValue.FromString(Encoding.UTF8.GetString(bytes, bounds[0], bounds[1] - bounds[0]));
        }
        var items = new TemplateValue[bounds[1] - bounds[0]];
        for (int i = 0; i < items.Length; i++) items[i] = item[bounds[0] + i];
        return TemplateValue.FromList(items);
    }

    static int IndexArgument(TemplateValue index, int length, bool inclusive)
    {
        if (index.Kind != TemplateValueKind.Int)
            throw new TemplateCallException(index.Kind is TemplateValueKind.Missing or TemplateValueKind.Nil
                ? "cannot index slice/array with nil"
                : $"cannot index slice/array with type {index.GoTypeName}");
        long i = index.AsInt;
        if (i < 0 || (inclusive ? i > length : i >= length))
            throw new TemplateCallException($"index out of range: {i}");
        return (int)i;
    }
}
