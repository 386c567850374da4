/// CSV records as Go's encoding/csv reads them for `csvdecode`: RFC 4180
/// quoting, `\r\n` line ends normalised, blank lines skipped, every record
/// the same width as the first.
enum CSVDecoder {
    struct ParseError: Error, Equatable {
        var line: Int
        var message: String
        var description: String { "CSV parse error on line \(line): \(message)" }
    }

    static func records(_ text: String) throws -> [[String]] {
        // Lines with their newline, `\r\n` folded to `\n`, a final newline added.
        var lines: [[UInt8]] = []
        var cur: [UInt8] = []
        for c in text.utf8 {
            cur.append(c)
            if c == 10 {
                if cur.count >= 2 && cur[cur.count - 2] == 13 { cur.removeLast(2); cur.append(10) }
                lines.append(cur)
                cur = []
            }
        }
        if !cur.isEmpty {
            if cur.last == 13 { cur.removeLast() }
            cur.append(10)
            lines.append(cur)
        }
        var records: [[String]] = []
        var li = 0
        var lineNum = 0
        var width = -1
        while li < lines.count {
            var line = lines[li]
            li += 1
            lineNum += 1
            if line == [10] { continue }
            let recordLine = lineNum
            var fields: [String] = []
            var buf: [UInt8] = []
            var pos = 0
            parseFields: while true {
                if pos < line.count && line[pos] == 34 {
                    pos += 1
                    quoted: while true {
                        if let q = line[pos...].firstIndex(of: 34) {
                            buf.append(contentsOf: line[pos..<q])
                            pos = q + 1
                            if pos < line.count && line[pos] == 34 { buf.append(34); pos += 1; continue quoted }
                            if pos < line.count && line[pos] == 44 { pos += 1; fields.append(String(decoding: buf, as: UTF8.self)); buf = []; continue parseFields }
                            if pos < line.count && line[pos] == 10 { fields.append(String(decoding: buf, as: UTF8.self)); break parseFields }
                            throw ParseError(line: lineNum, message: "extraneous or missing \" in quoted-field")
                        }
                        buf.append(contentsOf: line[pos...])
                        guard li < lines.count else {
                            throw ParseError(line: lineNum, message: "extraneous or missing \" in quoted-field")
                        }
                        line = lines[li]
                        li += 1
                        lineNum += 1
                        pos = 0
                    }
                } else {
                    let end = line[pos...].firstIndex(where: { $0 == 44 || $0 == 10 }) ?? line.count
                    let field = line[pos..<end]
                    if field.contains(34) { throw ParseError(line: lineNum, message: "bare \" in non-quoted-field") }
                    fields.append(String(decoding: field, as: UTF8.self))
                    if end < line.count && line[end] == 44 { pos = end + 1; continue parseFields }
                    break parseFields
                }
            }
            if width < 0 { width = fields.count } else if fields.count != width {
                throw ParseError(line: recordLine, message: "wrong number of fields")
            }
            records.append(fields)
        }
        return records
    }
}
