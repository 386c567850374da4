/// Writes DEFLATE blocks the way Go's compress/flate huffmanBitWriter does:
/// for each block of tokens it prices a stored, a fixed-Huffman and a
/// dynamic-Huffman encoding and sends the cheapest, with Go's tie rules
/// (dynamic only when strictly smaller than fixed, stored only when strictly
/// smaller than both) and Go's accounting quirks (a block without matches
/// still counts one distance code, and extra bits are only counted when the
/// block could be stored).
struct GoBlockWriter {
    /// Tokens: a literal byte (or 256, end of block) as its value; a match as
    /// `matchFlag | (length - 3) << 22 | (distance - 1)`.
    static let matchFlag: UInt32 = 1 << 30
    static let endBlock: UInt32 = 256
    static let maxStoredBlock = 65535

    static let lengthExtraBits: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
                                         4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let lengthBase: [UInt32] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56,
                                       64, 80, 96, 112, 128, 160, 192, 224, 255]
    static let offsetExtraBits: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8,
                                         9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let offsetBase: [UInt32] = (0..<30).map { (c: Int) -> UInt32 in
        if c < 4 { return UInt32(c) }
        let lead: Int = 2 + (c & 1)
        return UInt32(lead << (c / 2 - 1))
    }
    /// Order in which the code-length code's lengths are sent (RFC 1951 3.2.7).
    static let codegenOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Length symbol (minus 257) for a match length minus 3.
    static let lengthCodes: [UInt8] = (0..<256).map { x in
        var c = 0
        while c + 1 < lengthBase.count && lengthBase[c + 1] <= UInt32(x) { c += 1 }
        return UInt8(c)
    }
    /// Distance symbol for distances minus 1 below 256.
    static let smallOffsetCodes: [UInt8] = (0..<256).map { x in
        var c = 0
        while c + 1 < offsetBase.count && offsetBase[c + 1] <= UInt32(x) { c += 1 }
        return UInt8(c)
    }

    @inline(__always) static func offsetCode(_ off: UInt32) -> Int {
        if off < 256 { return Int(smallOffsetCodes[Int(off)]) }
        if off >> 7 < 256 { return Int(smallOffsetCodes[Int(off >> 7)]) + 14 }
        return Int(smallOffsetCodes[Int(off >> 14)]) + 28
    }

    var out: [UInt8] = []
    private var bits: UInt64 = 0
    private var nbits = 0
    private var literalFreq = [Int32](repeating: 0, count: 286)
    private var offsetFreq = [Int32](repeating: 0, count: 30)
    private var codegenFreq = [Int32](repeating: 0, count: 19)
    private var codegen = [UInt8](repeating: 0, count: 286 + 30 + 1)
    private var literalEncoding = GoHuffmanCode(size: 286)
    private var offsetEncoding = GoHuffmanCode(size: 30)
    private var codegenEncoding = GoHuffmanCode(size: 19)

    @inline(__always) mutating func writeBits(_ value: UInt32, _ n: Int) {
        bits |= UInt64(value) << UInt64(nbits)
        nbits += n
        if nbits >= 48 {
            for k in 0..<6 { out.append(UInt8(truncatingIfNeeded: bits >> UInt64(8 * k))) }
            bits >>= 48
            nbits -= 48
        }
    }

    /// Sends the pending bits, padding the last byte with zeros.
    mutating func flush() {
        while nbits > 0 {
            out.append(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
            nbits = nbits > 8 ? nbits - 8 : 0
        }
        bits = 0
    }

    private mutating func writeBytes<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        // Only reached after a stored header, which ends byte-aligned.
        while nbits >= 8 {
            out.append(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
            nbits -= 8
        }
        out.append(contentsOf: bytes)
    }

    mutating func writeStoredHeader(length: Int, final: Bool) {
        writeBits(final ? 1 : 0, 3)
        flush()
        writeBits(UInt32(length & 0xFFFF), 16)
        writeBits(UInt32(~UInt16(truncatingIfNeeded: length)), 16)
    }

    /// Writes `tokens` (without the end marker) as one non-final block;
    /// `input` is the text the tokens cover when it is known, which allows a
    /// stored block.
    mutating func writeBlock(_ blockTokens: [UInt32], input: ArraySlice<UInt8>?) {
        var tokens = blockTokens
        tokens.append(Self.endBlock)
        let (numLiterals, numOffsets) = indexTokens(tokens)

        var extraBits = 0
        let storable = input.map { $0.count <= Self.maxStoredBlock } ?? false
        let storedSize = storable ? ((input?.count ?? 0) + 5) * 8 : 0
        if storable {
            if numLiterals > 257 + 8 {
                for code in (257 + 8)..<numLiterals {
                    extraBits += Int(literalFreq[code]) * Self.lengthExtraBits[code - 257]
                }
            }
            if numOffsets > 4 {
                for code in 4..<numOffsets { extraBits += Int(offsetFreq[code]) * Self.offsetExtraBits[code] }
            }
        }

        var size = 3 + GoHuffmanCode.fixedLiteral.bitLength(literalFreq)
            + GoHuffmanCode.fixedOffset.bitLength(offsetFreq) + extraBits
        var useDynamic = false

        generateCodegen(numLiterals: numLiterals, numOffsets: numOffsets)
        codegenEncoding.generate(codegenFreq, maxBits: 7)
        let (dynamicSize, numCodegens) = self.dynamicSize(extraBits: extraBits)
        if dynamicSize < size {
            size = dynamicSize
            useDynamic = true
        }

        if storable, storedSize < size, let input {
            writeStoredHeader(length: input.count, final: false)
            writeBytes(input)
            return
        }
        if useDynamic {
            writeDynamicHeader(numLiterals: numLiterals, numOffsets: numOffsets, numCodegens: numCodegens)
            writeTokens(tokens, literalEncoding, offsetEncoding)
        } else {
            writeBits(2, 3)  // fixed Huffman, not final
            writeTokens(tokens, GoHuffmanCode.fixedLiteral, GoHuffmanCode.fixedOffset)
        }
    }

    /// Counts symbol frequencies and builds the block's dynamic codes.
    private mutating func indexTokens(_ tokens: [UInt32]) -> (Int, Int) {
        for i in 0..<literalFreq.count { literalFreq[i] = 0 }
        for i in 0..<offsetFreq.count { offsetFreq[i] = 0 }
        for t in tokens {
            if t < Self.matchFlag {
                literalFreq[Int(t)] += 1
            } else {
                let length = (t - Self.matchFlag) >> 22
                literalFreq[257 + Int(Self.lengthCodes[Int(length)])] += 1
                offsetFreq[Self.offsetCode(t & 0x3F_FFFF)] += 1
            }
        }
        var numLiterals = literalFreq.count
        while literalFreq[numLiterals - 1] == 0 { numLiterals -= 1 }
        var numOffsets = offsetFreq.count
        while numOffsets > 0 && offsetFreq[numOffsets - 1] == 0 { numOffsets -= 1 }
        if numOffsets == 0 {
            // A dynamic header must describe at least one distance code.
            offsetFreq[0] = 1
            numOffsets = 1
        }
        literalEncoding.generate(literalFreq, maxBits: 15)
        offsetEncoding.generate(offsetFreq, maxBits: 15)
        return (numLiterals, numOffsets)
    }

    /// Run-length codes (RFC 1951 3.2.7) for the concatenated literal and
    /// distance code lengths, into `codegen` (255-terminated; a repeat code
    /// is followed by its count) and their frequencies into `codegenFreq`.
    private mutating func generateCodegen(numLiterals: Int, numOffsets: Int) {
        for i in 0..<codegenFreq.count { codegenFreq[i] = 0 }
        var lens = [UInt8](repeating: 0, count: numLiterals + numOffsets + 1)
        for i in 0..<numLiterals { lens[i] = UInt8(literalEncoding.lengths[i]) }
        for i in 0..<numOffsets { lens[numLiterals + i] = UInt8(offsetEncoding.lengths[i]) }
        lens[numLiterals + numOffsets] = 255

        var out = 0
        func emit(_ v: UInt8) { codegen[out] = v; out += 1 }
        var size = lens[0]
        var count = 1
        var inIndex = 1
        while size != 255 {
            let nextSize = lens[inIndex]
            inIndex += 1
            if nextSize == size {
                count += 1
                continue
            }
            if size != 0 {
                emit(size)
                codegenFreq[Int(size)] += 1
                count -= 1
                while count >= 3 {
                    let n = min(6, count)
                    emit(16); emit(UInt8(n - 3))
                    codegenFreq[16] += 1
                    count -= n
                }
            } else {
                while count >= 11 {
                    let n = min(138, count)
                    emit(18); emit(UInt8(n - 11))
                    codegenFreq[18] += 1
                    count -= n
                }
                if count >= 3 {
                    emit(17); emit(UInt8(count - 3))
                    codegenFreq[17] += 1
                    count = 0
                }
            }
            while count > 0 {
                emit(size)
                codegenFreq[Int(size)] += 1
                count -= 1
            }
            size = nextSize
            count = 1
        }
        emit(255)
    }

    private func dynamicSize(extraBits: Int) -> (Int, Int) {
        var numCodegens = codegenFreq.count
        while numCodegens > 4 && codegenFreq[Self.codegenOrder[numCodegens - 1]] == 0 { numCodegens -= 1 }
        let header = 3 + 5 + 5 + 4 + 3 * numCodegens + codegenEncoding.bitLength(codegenFreq)
            + Int(codegenFreq[16]) * 2 + Int(codegenFreq[17]) * 3 + Int(codegenFreq[18]) * 7
        let size = header + literalEncoding.bitLength(literalFreq) + offsetEncoding.bitLength(offsetFreq) + extraBits
        return (size, numCodegens)
    }

    private mutating func writeDynamicHeader(numLiterals: Int, numOffsets: Int, numCodegens: Int) {
        writeBits(4, 3)  // dynamic Huffman, not final
        writeBits(UInt32(numLiterals - 257), 5)
        writeBits(UInt32(numOffsets - 1), 5)
        writeBits(UInt32(numCodegens - 4), 4)
        for i in 0..<numCodegens {
            writeBits(UInt32(codegenEncoding.lengths[Self.codegenOrder[i]]), 3)
        }
        var i = 0
        while true {
            let word = Int(codegen[i])
            i += 1
            if word == 255 { break }
            writeBits(UInt32(codegenEncoding.codes[word]), Int(codegenEncoding.lengths[word]))
            switch word {
            case 16: writeBits(UInt32(codegen[i]), 2); i += 1
            case 17: writeBits(UInt32(codegen[i]), 3); i += 1
            case 18: writeBits(UInt32(codegen[i]), 7); i += 1
            default: break
            }
        }
    }

    private mutating func writeTokens(_ tokens: [UInt32], _ lit: GoHuffmanCode, _ off: GoHuffmanCode) {
        for t in tokens {
            if t < Self.matchFlag {
                writeBits(UInt32(lit.codes[Int(t)]), Int(lit.lengths[Int(t)]))
                continue
            }
            let length = (t - Self.matchFlag) >> 22
            let lc = Int(Self.lengthCodes[Int(length)])
            writeBits(UInt32(lit.codes[257 + lc]), Int(lit.lengths[257 + lc]))
            let lextra = Self.lengthExtraBits[lc]
            if lextra > 0 { writeBits(length - Self.lengthBase[lc], lextra) }
            let offset = t & 0x3F_FFFF
            let oc = Self.offsetCode(offset)
            writeBits(UInt32(off.codes[oc]), Int(off.lengths[oc]))
            let oextra = Self.offsetExtraBits[oc]
            if oextra > 0 { writeBits(offset - Self.offsetBase[oc], oextra) }
        }
    }
}
