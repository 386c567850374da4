import Foundation
@testable import Values

/// Inputs for the `base64gzip` tests, generated deterministically (a 32-bit
/// LCG) so that terraform and we compress the same text. They are picked to
/// reach each part of Go's compressor: fixed, dynamic and stored blocks, the
/// 16384-token block cut, matches of the maximum length, the 64 KiB window
/// sliding (blocks that can no longer be stored), and NFC normalisation on
/// the way in.
enum GzipCorpus {
    struct LCG {
        var state: UInt32
        mutating func next(_ bound: Int) -> Int {
            state = state &* 1_103_515_245 &+ 12345
            return Int(state >> 16) % bound
        }
    }

    static func text(_ count: Int, seed: UInt32, alphabet: String) -> String {
        let chars = Array(alphabet.unicodeScalars)
        var rng = LCG(state: seed)
        var s = String.UnicodeScalarView()
        for _ in 0..<count { s.append(chars[rng.next(chars.count)]) }
        return String(s)
    }

    /// Word-like text: repeats at word granularity, as prose and config do.
    static func words(bytes: Int, seed: UInt32) -> String {
        let vocabulary = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
                          "lambda", "mu", "network", "subnet", "router", "instance", "volume", "image"]
        var rng = LCG(state: seed)
        var out = ""
        while out.utf8.count < bytes {
            out += vocabulary[rng.next(vocabulary.count)] + String(rng.next(100)) + (rng.next(9) == 0 ? "\n" : " ")
        }
        return String(decoding: Array(out.utf8.prefix(bytes)), as: UTF8.self)
    }

    /// Scalars drawn uniformly from `range`.
    static func scalars(_ count: Int, seed: UInt32, in range: ClosedRange<UInt32>) -> String {
        var rng = LCG(state: seed)
        var s = String.UnicodeScalarView()
        for _ in 0..<count {
            if let u = Unicode.Scalar(range.lowerBound + UInt32(rng.next(Int(range.upperBound - range.lowerBound) + 1))) {
                s.append(u)
            }
        }
        return String(s)
    }

    static func binaryBase64(_ count: Int, seed: UInt32) -> String {
        var rng = LCG(state: seed)
        return GoBase64.encode((0..<count).map { _ in UInt8(rng.next(256)) })
    }

    static func jsonLike(_ items: Int) -> String {
        "[" + (0..<items).map { i in
            "{\"id\":\(i),\"name\":\"item-\(i)\",\"tags\":[\"a\",\"b\"],\"enabled\":\(i % 2 == 0),\"value\":\(i * 3 / 2)}"
        }.joined(separator: ",") + "]"
    }

    static let lower = "abcdefghijklmnopqrstuvwxyz ,.\n"

    /// Found by searching random strings for inputs where a one-character
    /// change to the compressor's rules changes the output; terraform agrees
    /// with the rules as implemented.
    /// Fixed and dynamic Huffman cost the same bits: Go keeps fixed.
    static let fixedDynamicTie = ["cbdccbaaddcdbadcd", "agfdgehabbafbgdfacdeccg"]
    /// Stored costs the same as the best Huffman coding: Go keeps Huffman.
    static let storedTie = ["카카락하파낙파자라하", "파파다가다하하다닥사낙자"]
    /// Repeated phrases with 15-byte matches, one short of the lazy-match
    /// limit (16), so Go still tries the next position before taking them.
    static let lazyLimit = lazyLimitText

    /// Cases whose first deflate block terraform stores uncompressed (checked
    /// against terraform's bytes in the differential test).
    static let storedCases: Set<String> = ["cyrillic-16", "hangul-16"]

    static let cases: [(name: String, text: String)] = [
        ("empty", ""),
        ("tie-fixed-dynamic-1", fixedDynamicTie[0]),
        ("tie-fixed-dynamic-2", fixedDynamicTie[1]),
        ("tie-stored-1", storedTie[0]),
        ("tie-stored-2", storedTie[1]),
        ("lazy-limit", lazyLimit),
        ("short", "hello"),
        ("repeat-words", "hello hello hello hello hello"),
        ("unicode", String(repeating: "héllo wörld ☃ 日本語 🎉 ", count: 3)),
        ("combining-marks", String(repeating: "Cafe\u{301} n\u{303}o a\u{35B}\u{315} ", count: 4)),
        ("ab-x500", String(repeating: "ab", count: 500)),
        ("a-x100000", String(repeating: "a", count: 100_000)),
        ("cyrillic-16", scalars(16, seed: 11, in: 0x410...0x44F)),
        ("hangul-16", scalars(16, seed: 12, in: 0xAC00...0xD7A3)),
        ("emoji-40", scalars(40, seed: 13, in: 0x1F300...0x1F5FF)),
        ("printable-95", text(95, seed: 14, alphabet: String((0x20...0x7E).map { Character(Unicode.Scalar(UInt8($0))) }))),
        ("json-2000", jsonLike(2000)),
        ("base64-30000", binaryBase64(30000, seed: 15)),
        ("words-64k", words(bytes: 65536, seed: 16)),
        ("letters-65535", text(65535, seed: 17, alphabet: lower)),
        ("letters-65537", text(65537, seed: 18, alphabet: lower)),
        ("letters-300k", text(300_000, seed: 19, alphabet: lower)),
        ("repeated-30k-x4", String(repeating: text(30000, seed: 20, alphabet: lower), count: 4)),
        ("words-200k", words(bytes: 200_000, seed: 21)),
    ]
}

private let lazyLimitText = "bacebbbbbacebbbeeebffhheeebffhheeebffhhfefcfecfdhcbgdeeebffhheeebffhhfefcfecfdhcbgdfefcfecfdhcbgdeeebffhhbacebbbeeebffhhaeeebffhhbacebbbbeeebffhhfefcfecfdhcbgdeeebffhhfefcfecfdhcbgdbacebbbfefcfecfdhcbgdfefcfecfdhcbgdefefcfecfdhcbgdcbacebbbbacebbbbacebbbeeebffhhbeeebffhhbacebbbfefcfecfdhcbgdeeebffhhbacebbbcfefcfecfdhcbgdfefcfecfdhcbgdbacebbbfefcfecfdhcbgdffefcfecfdhcbgdbaeeebffhhfefcfecfdhcbgdefefcfecfdhcbgdfgeeebffhhbacebbbfefcfecfdhcbgdeeebffhhbacebbbbacebbbfefcfecfdhcbgdbacebbbbacebbbeeebffhhfefcfecfdhcbgdbacebbbeeebffhhbbacebbbeeebffhhgffefcfecfdhcbgdeeebffhhcffefcfecfdhcbgdbacebbbeeebffhhhahbacebbbheeebffhhfefcfecfdhcbgdbbceeebffhhdbacebbbfbacebbbfefcfecfdhcbgdbacebbbeeebffhhbacebbbfefcfecfdhcbgdfefcfecfdhcbgdfefcfecfdhcbgdfefcfecfdhcbgdfefcfecfdhcbgdeeeebffhhceeebffhhbacebbbeeebffhhbacebbbbacebbbeeebffhhfefcfecfdhcbgdegeeebffhhbacebbbfefcfecfdhcbgdeeebffhhfefcfecfdhcbgdgfefcfecfdhcbgdabacebbbbacebbb"
