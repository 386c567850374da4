import Foundation

/// terraform's colours for the plan text and apply progress (what its
/// colorstring codes produce, resets included), laid over the plain text
/// PlanRenderer writes: legend symbols, bold headers with red "replaced" and
/// "destroyed", coloured change markers, yellow `->`, grey `-> null` and
/// hidden-attribute notes, the bold `Plan:` label and the grey separator.
enum PlanColor {
    static let reset = "\u{1B}[0m", bold = "\u{1B}[1m", red = "\u{1B}[31m", green = "\u{1B}[32m"
    static let yellow = "\u{1B}[33m", cyan = "\u{1B}[36m", gray = "\u{1B}[90m"

    static func symbol(_ s: Character) -> String {
        switch s {
        case "+": return green + "+" + reset
        case "-": return red + "-" + reset
        case "~": return yellow + "~" + reset
        default: return String(s)
        }
    }

    static let legend: [String: String] = [
        "  + create": "  " + green + "+" + reset + " create" + reset,
        "  ~ update in-place": "  " + yellow + "~" + reset + " update in-place" + reset,
        "  - destroy": "  " + red + "-" + reset + " destroy" + reset,
        "-/+ destroy and then create replacement": red + "-" + reset + "/" + green + "+" + reset + " destroy and then create replacement" + reset,
        "+/- create replacement and then destroy": green + "+" + reset + "/" + red + "-" + reset + " create replacement and then destroy" + reset,
        " <= read (data resources)": " " + cyan + "<=" + reset + " read (data resources)" + reset,
    ]

    static let headerEndings: [(String, String)] = [
        (" is tainted, so must be replaced", " is tainted, so must be " + bold + red + "replaced" + reset),
        (" will be replaced, as requested", " will be " + bold + red + "replaced" + reset + ", as requested"),
        (" will be replaced due to changes in replace_triggered_by", " will be " + bold + red + "replaced" + reset + " due to changes in replace_triggered_by"),
        (" will be created", " will be created"),
        (" will be updated in-place", " will be updated in-place"),
        (" will be read during apply", " will be read during apply"),
        (" must be replaced", " must be " + bold + red + "replaced" + reset),
        (" will be destroyed", " will be " + bold + red + "destroyed" + reset),
        // Drift headers (objects changed outside of Terraform).
        (" has changed", " has changed"),
        (" has been deleted", " has been deleted"),
    ]

    /// The plan text (from the legend, or "No changes.", through the output changes and notes) in colour.
    static func plan(_ text: String) -> String {
        var out: [String] = []
        // terraform's colorizer ends each coloured piece with a reset, which lands at the start of a later line.
        var resetBefore: Int?
        var inHeader = false
        for line in text.components(separatedBy: "\n") {
            var l = colorLine(line, inHeader: &inHeader, resetBefore: &resetBefore, out: &out)
            if let n = resetBefore {
                if n == 0 {
                    l = reset + l
                    resetBefore = nil
                } else {
                    resetBefore = n - 1
                }
            }
            out.append(l)
        }
        return out.joined(separator: "\n")
    }

    private static func colorLine(_ line: String, inHeader: inout Bool, resetBefore: inout Int?, out: inout [String]) -> String {
        if let l = legend[line] { return l }
        if line.hasPrefix("No changes. ") {
            resetBefore = 2
            let rest = String(line.dropFirst("No changes.".count))
            return "\(reset)\(bold)\(green)No changes.\(reset)\(bold)\(rest)\(reset)"
        }
        if line == "Note: Objects have changed outside of Terraform" {
            resetBefore = 1
            return "\(bold)\(cyan)Note:\(reset)\(bold) Objects have changed outside of Terraform"
        }
        if line.hasPrefix("Plan: ") {
            resetBefore = 1
            return "\(bold)Plan:\(reset)" + String(line.dropFirst("Plan:".count))
        }
        if !line.isEmpty && line.allSatisfy({ $0 == "─" }) {
            if !out.isEmpty { out[out.count - 1] += gray }
            return line + reset
        }
        if line.hasPrefix("  # ") {
            let body = line.dropFirst(4)
            if inHeader {
                if body.hasPrefix("(moved from ") { return "  # \(reset)\(body)" }
                return line
            }
            if let r = body.range(of: " has moved to ") {
                inHeader = true
                let from = String(body[..<r.lowerBound]), to = String(body[r.upperBound...])
                return "\(bold)  # \(from)\(reset) has moved to \(bold)\(to)\(reset)"
            }
            for (ending, colored) in headerEndings where body.hasSuffix(ending) {
                inHeader = true
                let addr = String(body.dropLast(ending.count))
                return "\(bold)  # \(addr)\(reset)\(colored)"
            }
        }
        if let resourceLine = resourceLine(line) {
            let prefix = inHeader ? reset : ""
            inHeader = false
            return prefix + resourceLine
        }
        if let (indent, rest) = split(line, prefix: " "), rest.hasPrefix("# ("), rest.hasSuffix(" hidden)") {
            return "\(indent)\(gray)\(rest)\(reset)\(reset)"
        }
        let chars = Array(line)
        var i = 0
        while i < chars.count && chars[i] == " " { i += 1 }
        if i > 0, i + 1 < chars.count, "+-~".contains(chars[i]), chars[i + 1] == " " {
            let indent = String(chars[..<i]), marker = symbol(chars[i]), rest = value(String(chars[(i + 2)...]))
            return "\(indent)\(marker)\(reset) \(rest)"
        }
        // A nested value's closing bracket carries the removal arrow of the whole value.
        let trimmed = line.drop { $0 == " " }
        if (trimmed.hasPrefix("}") || trimmed.hasPrefix("]")) && line.hasSuffix(" -> null") { return value(line) }
        return line
    }

    /// `  + resource "t" "n" {` and the other action symbols in front of a resource block.
    private static func resourceLine(_ line: String) -> String? {
        let symbols: [(String, String)] = [
            ("  + ", "  " + symbol("+")), ("  ~ ", "  " + symbol("~")), ("  - ", "  " + symbol("-")),
            ("-/+ ", symbol("-") + "/" + symbol("+")), ("+/- ", symbol("+") + "/" + symbol("-")),
            (" <= ", " " + cyan + "<=" + reset),
        ]
        for (plain, colored) in symbols where line.hasPrefix(plain) {
            let rest = line.dropFirst(plain.count)
            guard rest.hasPrefix("resource \"") || rest.hasPrefix("data \"") else { continue }
            return "\(colored)\(reset) \(rest)"
        }
        // A move without changes has no symbol, and so nothing coloured.
        if line.hasPrefix("    resource \"") || line.hasPrefix("    data \"") { return line }
        return nil
    }

    private static func split(_ line: String, prefix: Character) -> (String, String)? {
        let indent = line.prefix { $0 == prefix }
        guard !indent.isEmpty else { return nil }
        return (String(indent), String(line.dropFirst(indent.count)))
    }

    /// The text after a change marker: grey `-> null`, a yellow arrow between two known values.
    private static func value(_ s: String) -> String {
        if s == "null" || s == "null," { return "\(gray)null\(reset)\(reset)" + s.dropFirst(4) }
        if s.hasSuffix(" = null") { return String(s.dropLast(4)) + "\(gray)null\(reset)\(reset)" }
        if s.hasSuffix(" -> null") {
            let left = String(s.dropLast(" -> null".count))
            return "\(left) \(gray)-> null\(reset)\(reset)"
        }
        if let r = s.range(of: " -> ", options: .backwards), !s[r.upperBound...].hasPrefix("(known after apply)") {
            let left = s[..<r.lowerBound]
            // Only an arrow between a value and a value on one line (not a block closing `} ->`).
            if !left.hasSuffix("}") && !left.hasSuffix("]") {
                let right = String(s[r.upperBound...])
                return "\(left) \(yellow)->\(reset)\(reset) \(right)"
            }
        }
        return s
    }

    // MARK: Apply

    static func progress(_ line: String, starting: Bool) -> String {
        "\(reset)\(bold)\(line)\(reset)" + (starting ? reset : "")
    }

    static func summary(_ line: String) -> String {
        "\(reset)\(bold)\(green)\n\(line)\n\(reset)"
    }

    static let outputsHeader = "\(reset)\(bold)\(green)\nOutputs:\n\n\(reset)"

    static func separator(_ plainNoteBlock: String) -> String {
        // "\n───\n\nNote..." -> grey from the newline through the rule.
        guard let r = plainNoteBlock.range(of: String(repeating: "─", count: 77)) else { return plainNoteBlock }
        let before = plainNoteBlock[..<r.lowerBound]
        let head = String(before.dropLast()), rule = String(plainNoteBlock[r]), tail = String(plainNoteBlock[r.upperBound...])
        return "\(head)\(gray)\n\(rule)\(reset)\(tail)"
    }
}
