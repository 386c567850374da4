import Values

/// Number text for state and plans. Integers that fit a machine word are
/// printed directly: the general shortest-decimal routine costs a big-integer
/// division per digit group, which dominated plans of thousands of instances.
enum EngineNumberText {
    static func text(_ n: Number) -> String {
        if let i = n.intValue { return String(i) }
        return n.description
    }
}
