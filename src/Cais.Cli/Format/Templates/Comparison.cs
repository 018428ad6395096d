namespace Cais.Cli.Format.Templates;

/// <summary>
/// eq, ne, lt, le, gt, ge as Go's templates compare: basic values of one kind, nil equal only
/// to nil. One leniency: an int and a float compare by value, because JSON data does not say
/// whether a number was an int or a float64 in Go.
/// </summary>
static class Comparison
{
    enum BasicKind { Nil, Bool, Number, String, Other }

    static BasicKind KindOf(TemplateValue v) => v.Kind switch
    {
        TemplateValueKind.Missing or TemplateValueKind.Nil => BasicKind.Nil,
        TemplateValueKind.Bool => BasicKind.Bool,
        TemplateValueKind.Int or TemplateValueKind.Float => BasicKind.Number,
        TemplateValueKind.String => BasicKind.String,
        _ => BasicKind.Other,
    };

    /// <summary>eq: whether the first value equals any of the others.</summary>
    public static bool Equal(TemplateValue first, ReadOnlySpan<TemplateValue> others)
    {
        if (others.Length == 0) throw new TemplateCallException("missing argument for comparison");
        var k1 = KindOf(first);
        foreach (var other in others)
        {
            var k2 = KindOf(other);
            bool truth;
            if (k1 != k2)
            {
                if (k1 != BasicKind.Nil && k2 != BasicKind.Nil)
                    throw new TemplateCallException("incompatible types for comparison");
                truth = false;
            }
            else
            {
                truth = k1 switch
                {
                    BasicKind.Nil => true,
                    BasicKind.Bool => first.AsBool == other.AsBool,
                    BasicKind.Number => NumbersEqual(first, other),
                    BasicKind.String => first.AsString == other.AsString,
                    _ => ObjectsEqual(first, other),
                };
            }
            if (truth) return true;
        }
        return false;
    }

    /// <summary>lt: numbers by value, strings bytewise; anything else cannot be ordered.</summary>
    public static bool Less(TemplateValue a, TemplateValue b)
    {
        var k1 = KindOf(a);
        var k2 = KindOf(b);
        if (k1 is not (BasicKind.Number or BasicKind.String) || k2 is not (BasicKind.Number or BasicKind.String))
            throw new TemplateCallException("invalid type for comparison");
        if (k1 != k2) throw new TemplateCallException("incompatible types for comparison");
        if (k1 == BasicKind.String) return string.CompareOrdinal(a.AsString, b.AsString) < 0;
        if (a.Kind == TemplateValueKind.Int && b.Kind == TemplateValueKind.Int) return a.AsInt < b.AsInt;
        return ToDouble(a) < ToDouble(b);
    }

    static bool NumbersEqual(TemplateValue a, TemplateValue b) =>
        a.Kind == TemplateValueKind.Int && b.Kind == TemplateValueKind.Int ? a.AsInt == b.AsInt : ToDouble(a) == ToDouble(b);

    static double ToDouble(TemplateValue v) => v.Kind == TemplateValueKind.Int ? v.AsInt : v.AsFloat;

    /// <summary>Go cannot compare slices or maps; objects (pointers in Go) are equal when they are the same one.</summary>
    static bool ObjectsEqual(TemplateValue a, TemplateValue b)
    {
        if (a.Kind != TemplateValueKind.Object || b.Kind != TemplateValueKind.Object)
        {
            var which = a.Kind is TemplateValueKind.Array or TemplateValueKind.Map ? a : b;
            throw new TemplateCallException($"non-comparable type {which}: {which.GoTypeName}");
        }
        return ReferenceEquals(a.AsObject, b.AsObject);
    }
}
