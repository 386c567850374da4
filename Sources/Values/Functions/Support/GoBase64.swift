/// Go's base64.StdEncoding: padding required, `\r` and `\n` ignored
/// anywhere, anything else outside the alphabet rejected.
enum GoBase64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    static let table: [Int8] = {
        var t = [Int8](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { t[Int(c)] = Int8(i) }
        return t
    }()

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 2 < bytes.count {
            let n = Int(bytes[i]) << 16 | Int(bytes[i + 1]) << 8 | Int(bytes[i + 2])
            out.append(alphabet[n >> 18]); out.append(alphabet[(n >> 12) & 63])
            out.append(alphabet[(n >> 6) & 63]); out.append(alphabet[n & 63])
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let n = Int(bytes[i]) << 16
            out.append(alphabet[n >> 18]); out.append(alphabet[(n >> 12) & 63]); out.append(61); out.append(61)
        } else if rest == 2 {
            let n = Int(bytes[i]) << 16 | Int(bytes[i + 1]) << 8
            out.append(alphabet[n >> 18]); out.append(alphabet[(n >> 12) & 63]); out.append(alphabet[(n >> 6) & 63]); out.append(61)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The decoded bytes, or the offset of the first bad symbol (Go's CorruptInputError).
    struct CorruptInput: Error { var offset: Int }

    static func decode(_ text: String) -> Result<[UInt8], CorruptInput> {
        var out: [UInt8] = []
        var quad: [Int] = []
        var padding = 0
        var offset = 0
        var done = false
        for c in text.utf8 {
            defer { offset += 1 }
            if c == 10 || c == 13 { continue }
            if done { return .failure(CorruptInput(offset: offset)) }
            if c == 61 {
                // '=' only in the last one or two places of a quad.
                if quad.count < 2 { return .failure(CorruptInput(offset: offset)) }
                padding += 1
                quad.append(0)
                if quad.count == 4 {
                    if padding == 2 { out.append(UInt8((quad[0] << 2 | quad[1] >> 4) & 0xFF)) }
                    else { out.append(UInt8((quad[0] << 2 | quad[1] >> 4) & 0xFF)); out.append(UInt8((quad[1] << 4 | quad[2] >> 2) & 0xFF)) }
                    done = true
                }
                continue
            }
            if padding > 0 { return .failure(CorruptInput(offset: offset)) }
            let v = table[Int(c)]
            if v < 0 { return .failure(CorruptInput(offset: offset)) }
            quad.append(Int(v))
            if quad.count == 4 {
                out.append(UInt8((quad[0] << 2 | quad[1] >> 4) & 0xFF))
                out.append(UInt8((quad[1] << 4 | quad[2] >> 2) & 0xFF))
                out.append(UInt8((quad[2] << 6 | quad[3]) & 0xFF))
                quad.removeAll(keepingCapacity: true)
            }
        }
        if !quad.isEmpty && !done { return .failure(CorruptInput(offset: offset)) }
        return .success(out)
    }
}
