/// A DEFLATE compressor whose output is byte-identical to Go's compress/flate
/// at its default level (6), which is what terraform's `base64gzip` uses.
///
/// Identity needs more than a valid encoder: the same hash (4-byte, 17 bits),
/// the same hash-chain walk (128 candidates, stop at 128 bytes, 4-byte
/// matches only within 4096 bytes), the same lazy evaluation (a match shorter
/// than 16 is held back one byte to see whether the next position does
/// better), the same window handling (64 KiB buffer that slides by 32 KiB
/// when fewer than 262 bytes remain) and the same block cuts (16384 tokens,
/// or the end of a flush). Blocks are then priced and written by
/// `GoBlockWriter`.
struct GoDeflate {
    private static let windowSize = 1 << 15
    private static let windowMask = windowSize - 1
    private static let minMatch = 4
    private static let maxMatch = 258
    private static let maxBlockTokens = 1 << 14
    private static let hashBits = 17
    private static let hashMask = (1 << hashBits) - 1
    private static let maxHashOffset = 1 << 24

    // Level 6.
    private let good = 8
    private let lazy = 16
    private let nice = 128
    private let chain = 128

    private var window = [UInt8](repeating: 0, count: 2 * windowSize)
    private var windowEnd = 0
    private var index = 0
    /// Window position where the pending tokens start; Int32.max once the
    /// window slid past it (the block can then no longer be stored).
    private var blockStart = 0
    /// Whether window[index - 1] still has to be emitted.
    private var byteAvailable = false
    /// Heads and links of the hash chains, as positions plus `hashOffset`
    /// (0 = empty).
    private var hashHead = [UInt32](repeating: 0, count: 1 << hashBits)
    private var hashPrev = [UInt32](repeating: 0, count: windowSize)
    private var hashOffset = 1
    private var chainHead = -1
    private var tokens: [UInt32] = []
    private var length = minMatch - 1
    private var offset = 0
    private var maxInsertIndex = 0
    private var sync = false
    private(set) var writer = GoBlockWriter()

    init() { tokens.reserveCapacity(Self.maxBlockTokens + 1) }

    /// Compresses `data` as one Write, then Flush and Close, which is the
    /// sequence terraform runs.
    static func compress(_ data: [UInt8]) -> [UInt8] {
        var d = GoDeflate()
        d.write(data)
        d.syncFlush()
        d.close()
        return d.writer.out
    }

    mutating func write(_ data: [UInt8]) {
        var pos = 0
        while pos < data.count {
            deflate()
            pos += fill(data, from: pos)
        }
    }

    /// Ends the pending block and adds an empty stored block (the sync marker).
    mutating func syncFlush() {
        sync = true
        deflate()
        writer.writeStoredHeader(length: 0, final: false)
        writer.flush()
        sync = false
    }

    /// Ends the pending block and adds the final, empty stored block.
    mutating func close() {
        sync = true
        deflate()
        writer.writeStoredHeader(length: 0, final: true)
        writer.flush()
    }

    private mutating func fill(_ data: [UInt8], from pos: Int) -> Int {
        let size = Self.windowSize
        if index >= 2 * size - (Self.minMatch + Self.maxMatch) {
            window.withUnsafeMutableBufferPointer { w in
                for i in 0..<size { w[i] = w[i + size] }
            }
            index -= size
            windowEnd -= size
            blockStart = blockStart >= size ? blockStart - size : Int(Int32.max)
            hashOffset += size
            if hashOffset > Self.maxHashOffset {
                let delta = hashOffset - 1
                hashOffset -= delta
                chainHead -= delta
                for i in 0..<hashPrev.count {
                    hashPrev[i] = Int(hashPrev[i]) > delta ? UInt32(Int(hashPrev[i]) - delta) : 0
                }
                for i in 0..<hashHead.count {
                    hashHead[i] = Int(hashHead[i]) > delta ? UInt32(Int(hashHead[i]) - delta) : 0
                }
            }
        }
        let n = min(data.count - pos, window.count - windowEnd)
        window.withUnsafeMutableBufferPointer { w in
            data.withUnsafeBufferPointer { d in
                for i in 0..<n { w[windowEnd + i] = d[pos + i] }
            }
        }
        windowEnd += n
        return n
    }

    @inline(__always) private func hash4(_ w: UnsafeMutableBufferPointer<UInt8>, _ i: Int) -> Int {
        let v = UInt32(w[i + 3]) | UInt32(w[i + 2]) << 8 | UInt32(w[i + 1]) << 16 | UInt32(w[i]) << 24
        return Int((v &* 0x1E35_A7BD) >> UInt32(32 - Self.hashBits))
    }

    /// The LZ77 pass over the window: runs while at least 262 bytes are ahead
    /// (or to the end when flushing), with one byte of lazy lookahead.
    private mutating func deflate() {
        if windowEnd - index < Self.minMatch + Self.maxMatch && !sync { return }
        maxInsertIndex = windowEnd - (Self.minMatch - 1)
        // Moved out while borrowed so that `run` may mutate the rest of self
        // (and the buffers stay uniquely referenced, without copies).
        var w = window, heads = hashHead, links = hashPrev
        window = []
        hashHead = []
        hashPrev = []
        defer { window = w; hashHead = heads; hashPrev = links }
        w.withUnsafeMutableBufferPointer { win in
            heads.withUnsafeMutableBufferPointer { head in
                links.withUnsafeMutableBufferPointer { prev in
                    run(win, head, prev)
                }
            }
        }
    }

    private mutating func run(_ win: UnsafeMutableBufferPointer<UInt8>, _ head: UnsafeMutableBufferPointer<UInt32>,
                              _ prev: UnsafeMutableBufferPointer<UInt32>) {
        let mask = Self.windowMask
        while true {
            let lookahead = windowEnd - index
            if lookahead < Self.minMatch + Self.maxMatch {
                if !sync { break }
                if lookahead == 0 {
                    if byteAvailable {
                        tokens.append(UInt32(win[index - 1]))
                        byteAvailable = false
                    }
                    if !tokens.isEmpty {
                        flushBlock(win, at: index)
                    }
                    break
                }
            }
            if index < maxInsertIndex {
                let h = hash4(win, index)
                chainHead = Int(head[h])
                prev[index & mask] = UInt32(truncatingIfNeeded: chainHead)
                head[h] = UInt32(truncatingIfNeeded: index + hashOffset)
            }
            let prevLength = length
            let prevOffset = offset
            length = Self.minMatch - 1
            offset = 0
            let minIndex = max(index - Self.windowSize, 0)
            if chainHead - hashOffset >= minIndex && lookahead > prevLength && prevLength < lazy {
                if let m = findMatch(win, prev, pos: index, prevHead: chainHead - hashOffset,
                                     prevLength: Self.minMatch - 1, lookahead: lookahead) {
                    length = m.length
                    offset = m.offset
                }
            }
            if prevLength >= Self.minMatch && length <= prevLength {
                // The match found one byte back is at least as long: take it.
                tokens.append(GoBlockWriter.matchFlag | UInt32(prevLength - 3) << 22 | UInt32(prevOffset - 1))
                let newIndex = index + prevLength - 1
                index += 1
                while index < newIndex {
                    if index < maxInsertIndex {
                        let h = hash4(win, index)
                        prev[index & mask] = head[h]
                        head[h] = UInt32(truncatingIfNeeded: index + hashOffset)
                    }
                    index += 1
                }
                byteAvailable = false
                length = Self.minMatch - 1
                if tokens.count == Self.maxBlockTokens { flushBlock(win, at: index) }
            } else {
                if byteAvailable {
                    tokens.append(UInt32(win[index - 1]))
                    if tokens.count == Self.maxBlockTokens { flushBlock(win, at: index) }
                }
                index += 1
                byteAvailable = true
            }
        }
    }

    /// `writeBlock` while the window is borrowed by `deflate`.
    private mutating func flushBlock(_ win: UnsafeMutableBufferPointer<UInt8>, at end: Int) {
        guard end > 0 else { return }
        let input: ArraySlice<UInt8>? = blockStart <= end ? ArraySlice(win[blockStart..<end]) : nil
        blockStart = end
        writer.writeBlock(tokens, input: input)
        tokens.removeAll(keepingCapacity: true)
    }

    /// How many bytes at `a` and `b` agree, at most `limit`; eight at a time.
    @inline(__always) private static func matchLength(_ win: UnsafeMutableBufferPointer<UInt8>, _ a: Int, _ b: Int,
                                                      _ limit: Int) -> Int {
        guard let base = win.baseAddress.map(UnsafeRawPointer.init) else { return 0 }
        var n = 0
        while n + 8 <= limit {
            let x = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: a + n, as: UInt64.self))
                ^ UInt64(littleEndian: base.loadUnaligned(fromByteOffset: b + n, as: UInt64.self))
            if x != 0 { return n + x.trailingZeroBitCount >> 3 }
            n += 8
        }
        while n < limit && win[a + n] == win[b + n] { n += 1 }
        return n
    }

    /// Walks the hash chain from `prevHead` for a match longer than
    /// `prevLength` at `pos`.
    private func findMatch(_ win: UnsafeMutableBufferPointer<UInt8>, _ prev: UnsafeMutableBufferPointer<UInt32>,
                           pos: Int, prevHead: Int, prevLength: Int, lookahead: Int) -> (length: Int, offset: Int)? {
        let maxLook = min(Self.maxMatch, lookahead)
        let niceLength = min(nice, maxLook)
        var tries = chain
        var length = prevLength
        if length >= good { tries >>= 2 }
        var found: (length: Int, offset: Int)?
        var wEnd = win[pos + length]
        let minIndex = pos - Self.windowSize
        var i = prevHead
        while tries > 0 {
            if wEnd == win[i + length] {
                let n = Self.matchLength(win, i, pos, maxLook)
                if n > length && (n > Self.minMatch || pos - i <= 4096) {
                    length = n
                    found = (n, pos - i)
                    if n >= niceLength { break }
                    wEnd = win[pos + n]
                }
            }
            if i == minIndex { break }
            i = Int(prev[i & Self.windowMask]) - hashOffset
            if i < minIndex || i < 0 { break }
            tries -= 1
        }
        return found
    }
}
