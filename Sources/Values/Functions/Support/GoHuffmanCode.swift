/// Length-limited Huffman code construction with the exact choices Go's
/// compress/flate makes, so that the code lengths (and therefore the bytes of
/// a dynamic block header) equal Go's. The method is the package-merge style
/// level walk Go uses; symbols are ordered by (frequency, symbol), and within
/// one code length codes are handed out in symbol order (canonical codes).
struct GoHuffmanCode {
    /// Bit-reversed codes, ready to be written least-significant bit first.
    var codes: [UInt16]
    var lengths: [UInt16]

    init(size: Int) {
        codes = [UInt16](repeating: 0, count: size)
        lengths = [UInt16](repeating: 0, count: size)
    }

    /// Total bits needed to send symbols with these frequencies.
    func bitLength(_ freq: [Int32]) -> Int {
        var total = 0
        for i in 0..<freq.count where freq[i] != 0 { total += Int(freq[i]) * Int(lengths[i]) }
        return total
    }

    static func reverse(_ code: UInt16, _ bits: Int) -> UInt16 {
        var r: UInt16 = 0
        var c = code
        for _ in 0..<bits { r = (r << 1) | (c & 1); c >>= 1 }
        return r
    }

    private struct Node { var symbol: UInt16; var freq: Int32 }

    /// Rebuilds the code for `freq`, no code longer than `maxBits` (< 16).
    mutating func generate(_ freq: [Int32], maxBits: Int) {
        var list: [Node] = []
        list.reserveCapacity(freq.count + 1)
        for i in 0..<freq.count {
            if freq[i] != 0 { list.append(Node(symbol: UInt16(i), freq: freq[i])) } else { lengths[i] = 0 }
        }
        if list.count <= 2 {
            // One or two symbols: one bit each, in symbol order.
            for (i, node) in list.enumerated() {
                codes[Int(node.symbol)] = UInt16(i)
                lengths[Int(node.symbol)] = 1
            }
            return
        }
        list.sort { $0.freq != $1.freq ? $0.freq < $1.freq : $0.symbol < $1.symbol }
        let counts = Self.bitCounts(list, maxBits: maxBits)
        assign(counts, list)
    }

    private struct Level {
        var level: Int
        var lastFreq: Int32 = 0
        var nextCharFreq: Int32 = 0
        var nextPairFreq: Int32 = 0
        var needed: Int32 = 0
    }

    /// How many symbols get each code length (index = length). `sorted` is in
    /// increasing (frequency, symbol) order and has at least three entries.
    private static func bitCounts(_ sorted: [Node], maxBits requested: Int) -> [Int32] {
        let n = sorted.count
        var list = sorted
        list.append(Node(symbol: .max, freq: .max))
        let maxBits = min(requested, n - 1)
        var levels = (0..<17).map { Level(level: $0) }
        // leafCounts[i][j]: leaves left of the level-j ancestor of level i's
        // rightmost node.
        var leafCounts = [[Int32]](repeating: [Int32](repeating: 0, count: 16), count: 16)
        for level in 1...maxBits {
            levels[level] = Level(level: level, lastFreq: list[1].freq, nextCharFreq: list[2].freq,
                                  nextPairFreq: level == 1 ? .max : list[0].freq &+ list[1].freq)
            leafCounts[level][level] = 2
        }
        levels[maxBits].needed = Int32(2 * n - 4)

        var level = maxBits
        while true {
            if levels[level].nextPairFreq == .max && levels[level].nextCharFreq == .max {
                // Out of leaves and pairs at this level: never come back here.
                levels[level].needed = 0
                levels[level + 1].nextPairFreq = .max
                level += 1
                continue
            }
            let prevFreq = levels[level].lastFreq
            if levels[level].nextCharFreq < levels[level].nextPairFreq {
                let next = leafCounts[level][level] + 1
                levels[level].lastFreq = levels[level].nextCharFreq
                leafCounts[level][level] = next
                levels[level].nextCharFreq = list[Int(next)].freq
            } else {
                levels[level].lastFreq = levels[level].nextPairFreq
                for j in 0..<level { leafCounts[level][j] = leafCounts[level - 1][j] }
                levels[level - 1].needed = 2
            }
            levels[level].needed -= 1
            if levels[level].needed == 0 {
                if level == maxBits { break }
                levels[level + 1].nextPairFreq = prevFreq &+ levels[level].lastFreq
                level += 1
            } else {
                while levels[level - 1].needed > 0 { level -= 1 }
            }
        }

        var bitCount = [Int32](repeating: 0, count: maxBits + 1)
        var bits = 1
        for level in stride(from: maxBits, to: 0, by: -1) {
            bitCount[bits] = leafCounts[maxBits][level] - leafCounts[maxBits][level - 1]
            bits += 1
        }
        return bitCount
    }

    /// The most frequent symbols take the shortest lengths; within a length,
    /// codes ascend with the symbol value.
    private mutating func assign(_ bitCount: [Int32], _ sorted: [Node]) {
        var code: UInt16 = 0
        var end = sorted.count
        for n in 0..<bitCount.count {
            code = code &<< 1
            let count = Int(bitCount[n])
            if n == 0 || count == 0 { continue }
            let chunk = sorted[(end - count)..<end].sorted { $0.symbol < $1.symbol }
            for node in chunk {
                codes[Int(node.symbol)] = Self.reverse(code, n)
                lengths[Int(node.symbol)] = UInt16(n)
                code = code &+ 1
            }
            end -= count
        }
    }

    /// RFC 1951's fixed literal/length code (286 symbols as Go sizes it).
    static let fixedLiteral: GoHuffmanCode = {
        var h = GoHuffmanCode(size: 286)
        for ch in 0..<286 {
            let (bits, size): (Int, Int)
            switch ch {
            case ..<144: (bits, size) = (ch + 48, 8)
            case ..<256: (bits, size) = (ch + 400 - 144, 9)
            case ..<280: (bits, size) = (ch - 256, 7)
            default: (bits, size) = (ch + 192 - 280, 8)
            }
            h.codes[ch] = reverse(UInt16(bits), size)
            h.lengths[ch] = UInt16(size)
        }
        return h
    }()

    /// RFC 1951's fixed distance code: 5 bits for each of 30 symbols.
    static let fixedOffset: GoHuffmanCode = {
        var h = GoHuffmanCode(size: 30)
        for i in 0..<30 { h.codes[i] = reverse(UInt16(i), 5); h.lengths[i] = 5 }
        return h
    }()
}
