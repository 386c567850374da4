/// A gzip member as Go's compress/gzip writes one for `base64gzip`: a
/// 10-byte header with no name and mtime 0, the deflate stream, CRC-32 and size.
///
/// The deflate stream here is a single fixed-Huffman block of literals,
/// followed by the empty stored blocks Go's writer ends with. For short inputs
/// without repeats that is byte-identical to Go; for longer inputs Go finds
/// back-references and may choose dynamic Huffman codes, so the bytes differ
/// (both decompress to the same data).
enum Gzip {
    static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in data { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    struct BitWriter {
        var bytes: [UInt8] = []
        var acc: UInt32 = 0
        var count = 0
        mutating func write(_ value: UInt32, _ n: Int) {
            acc |= value << UInt32(count)
            count += n
            while count >= 8 { bytes.append(UInt8(acc & 0xFF)); acc >>= 8; count -= 8 }
        }
        /// Huffman codes are sent most-significant bit first.
        mutating func writeCode(_ code: UInt32, _ n: Int) {
            var r: UInt32 = 0
            for i in 0..<n { r |= ((code >> UInt32(i)) & 1) << UInt32(n - 1 - i) }
            write(r, n)
        }
        mutating func align() { if count > 0 { bytes.append(UInt8(acc & 0xFF)); acc = 0; count = 0 } }
    }

    static func fixedLiteral(_ w: inout BitWriter, _ sym: Int) {
        switch sym {
        case 0...143: w.writeCode(UInt32(0x30 + sym), 8)
        case 144...255: w.writeCode(UInt32(0x190 + sym - 144), 9)
        case 256...279: w.writeCode(UInt32(sym - 256), 7)
        default: w.writeCode(UInt32(0xC0 + sym - 280), 8)
        }
    }

    static func compress(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        var w = BitWriter()
        if !data.isEmpty {
            w.write(0, 1)      // not final
            w.write(1, 2)      // fixed Huffman
            for b in data { fixedLiteral(&w, Int(b)) }
            fixedLiteral(&w, 256)
        }
        // Empty stored block (sync flush), then the final empty stored block.
        w.write(0, 1); w.write(0, 2); w.align()
        w.bytes += [0, 0, 0xFF, 0xFF]
        w.write(1, 1); w.write(0, 2); w.align()
        w.bytes += [0, 0, 0xFF, 0xFF]
        out += w.bytes
        let crc = crc32(data)
        let size = UInt32(truncatingIfNeeded: data.count)
        for v in [crc, size] { out += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)] }
        return out
    }
}
