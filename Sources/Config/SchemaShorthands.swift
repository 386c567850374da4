import HCL

// Short forms for the body schemas the configuration decoder declares.
extension AttributeSchema {
    init(_ name: String, required: Bool = false) {
        self.init(name: name, required: required)
    }
}

extension BlockHeaderSchema {
    init(_ type: String, labels: [String] = []) {
        self.init(type: type, labelNames: labels)
    }
}

/// The closest candidate by edit distance when it is close enough to be a typo
/// (distance < 3), for "Did you mean" suggestions.
public func closestName(_ given: String, _ candidates: [String]) -> String? {
    var best: (String, Int)?
    for c in candidates {
        let d = nameDistance(given, c)
        if d < 3, best == nil || d < best!.1 { best = (c, d) }
    }
    return best?.0
}

func nameDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}
