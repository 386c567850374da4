/// The Values layer: cty-like values and types, conversion, expression evaluation
/// and the function library. See docs/architecture.md.
public enum ValuesLayer {
    public static let name = "Values"
}
