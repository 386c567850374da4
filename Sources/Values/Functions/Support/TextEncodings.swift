import Foundation

/// The character encodings `textencodebase64`/`textdecodebase64` accept,
/// by IANA name or alias (case-insensitive). Terraform accepts every
/// encoding in Go's x/text IANA index; this covers the Unicode encodings,
/// ISO-8859-1, windows-1252 and US-ASCII directly, and Shift_JIS,
/// ISO-2022-JP, ISO-8859-2 and windows-1250/1251/1253/1254 through
/// Foundation. Others are reported as unsupported.
enum TextEncoding: Sendable, Equatable {
    case utf8, utf16, utf16BE, utf16LE, latin1, windows1252, ascii
    case foundation(String.Encoding, name: String)

    /// The IANA name Terraform shows in messages.
    var displayName: String {
        switch self {
        case .utf8: return "UTF-8"
        case .utf16: return "UTF-16"
        case .utf16BE: return "UTF-16BE"
        case .utf16LE: return "UTF-16LE"
        case .latin1: return "ISO_8859-1:1987"
        case .windows1252: return "windows-1252"
        case .ascii: return "US-ASCII"
        case .foundation(_, let name): return name
        }
    }

    static func named(_ name: String) -> TextEncoding? {
        switch name.lowercased() {
        case "utf-8", "utf8", "csutf8": return .utf8
        case "utf-16", "utf16", "csutf16": return .utf16
        case "utf-16be", "csutf16be": return .utf16BE
        case "utf-16le", "csutf16le": return .utf16LE
        case "iso_8859-1:1987", "iso-8859-1", "iso_8859-1", "iso-ir-100", "latin1", "l1", "ibm819", "cp819", "csisolatin1": return .latin1
        case "windows-1252", "cp1252", "cswindows1252": return .windows1252
        case "us-ascii", "ascii", "us", "iso646-us", "ansi_x3.4-1968", "ansi_x3.4-1986", "iso_646.irv:1991", "ibm367", "cp367", "csascii", "iso-ir-6": return .ascii
        case "shift_jis", "ms_kanji", "csshiftjis": return .foundation(.shiftJIS, name: "Shift_JIS")
        case "iso-2022-jp", "csiso2022jp": return .foundation(.iso2022JP, name: "ISO-2022-JP")
        case "iso_8859-2:1987", "iso-8859-2", "iso_8859-2", "iso-ir-101", "latin2", "l2", "csisolatin2": return .foundation(.isoLatin2, name: "ISO_8859-2:1987")
        case "windows-1250", "cswindows1250": return .foundation(.windowsCP1250, name: "windows-1250")
        case "windows-1251", "cswindows1251": return .foundation(.windowsCP1251, name: "windows-1251")
        case "windows-1253", "cswindows1253": return .foundation(.windowsCP1253, name: "windows-1253")
        case "windows-1254", "cswindows1254": return .foundation(.windowsCP1254, name: "windows-1254")
        default: return nil
        }
    }

    static let cp1252High: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ]

    /// nil when some character cannot be represented.
    func encode(_ s: String) -> [UInt8]? {
        switch self {
        case .utf8: return Array(s.utf8)
        case .utf16, .utf16BE, .utf16LE:
            var out: [UInt8] = self == .utf16 ? [0xFE, 0xFF] : []
            for u in s.utf16 {
                if self == .utf16LE { out += [UInt8(u & 0xFF), UInt8(u >> 8)] } else { out += [UInt8(u >> 8), UInt8(u & 0xFF)] }
            }
            return out
        case .latin1, .ascii:
            var out: [UInt8] = []
            for u in s.unicodeScalars {
                guard u.value < (self == .ascii ? 0x80 : 0x100) else { return nil }
                out.append(UInt8(u.value))
            }
            return out
        case .windows1252:
            var out: [UInt8] = []
            for u in s.unicodeScalars {
                if u.value < 0x80 || (u.value >= 0xA0 && u.value < 0x100) { out.append(UInt8(u.value)); continue }
                guard let i = Self.cp1252High.firstIndex(where: { $0 == u.value }) else { return nil }
                out.append(UInt8(0x80 + i))
            }
            return out
        case .foundation(let e, _):
            return s.data(using: e, allowLossyConversion: false).map { Array($0) }
        }
    }

    /// nil when the bytes are not valid in this encoding.
    func decode(_ b: [UInt8]) -> String? {
        switch self {
        case .utf8:
            // Validates as Go does (no surrogates, no overlong forms) in one pass.
            return String(validating: b, as: UTF8.self)
        case .utf16, .utf16BE, .utf16LE:
            var bytes = b[...]
            var little = self == .utf16LE
            if self == .utf16, bytes.count >= 2 {
                if bytes.starts(with: [0xFF, 0xFE]) { little = true; bytes = bytes.dropFirst(2) }
                else if bytes.starts(with: [0xFE, 0xFF]) { bytes = bytes.dropFirst(2) }
            }
            guard bytes.count % 2 == 0 else { return nil }
            var units: [UInt16] = []
            var i = bytes.startIndex
            while i < bytes.endIndex {
                let a = UInt16(bytes[i]), c = UInt16(bytes[i + 1])
                units.append(little ? (c << 8 | a) : (a << 8 | c))
                i += 2
            }
            var it = units.makeIterator()
            var dec = UTF16()
            var out = String.UnicodeScalarView()
            loop: while true {
                switch dec.decode(&it) {
                case .scalarValue(let u): out.append(u)
                case .emptyInput: break loop
                case .error: return nil
                }
            }
            return String(out)
        case .latin1:
            return String(String.UnicodeScalarView(b.map { Unicode.Scalar($0) }))
        case .ascii:
            guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(decoding: b, as: UTF8.self)
        case .windows1252:
            var out = String.UnicodeScalarView()
            for c in b {
                if c < 0x80 || c >= 0xA0 { out.append(Unicode.Scalar(c)); continue }
                out.append(Self.cp1252High[Int(c - 0x80)].flatMap(Unicode.Scalar.init) ?? Unicode.Scalar(c))
            }
            return String(out)
        case .foundation(let e, _):
            guard let s = String(data: Data(b), encoding: e), !s.unicodeScalars.contains("\u{FFFD}") else { return nil }
            return s
        }
    }
}
