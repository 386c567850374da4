import Foundation
import HCL
import JSON
@testable import Values

/// Runs the recorded `terraform console` corpus (Tests/Fixtures/console)
/// through the function table directly. Until the expression evaluator is
/// available this reads only the expression shapes the corpus mostly uses:
/// a function call whose arguments are literals (strings, numbers, bools,
/// null, tuples, objects) or further calls. Anything else is skipped and
/// counted as skipped, never as passed.
enum CorpusHarness {
    struct Case {
        var expr: String
        var stdout: String
        var stderr: String
        var exit: Int
    }

    enum Outcome: Equatable {
        case match
        case mismatch(expected: String, got: String)
        case skipped(String)
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/console")

    static func load(_ family: String) throws -> [Case] {
        let url = fixtures.appendingPathComponent("functions-\(family).json")
        let text = try String(contentsOf: url, encoding: .utf8)
        let doc = try JSON.parse(text)
        return (doc["cases"]?.arrayValue ?? []).map {
            Case(expr: $0["expr"]?.stringValue ?? "", stdout: $0["stdout"]?.stringValue ?? "",
                 stderr: $0["stderr"]?.stringValue ?? "", exit: $0["exit"]?.intValue ?? -1)
        }
    }

    // MARK: Expression reading

    indirect enum Expr {
        case literal(Value)
        case call(String, [Expr])
        case tuple([Expr])
        case object([(String, Expr)])
    }

    struct Unsupported: Error { var why: String }

    struct Reader {
        var s: [Character]
        var i = 0
        init(_ text: String) { s = Array(text) }

        mutating func skipSpace() { while i < s.count && s[i].isWhitespace { i += 1 } }

        mutating func expr() throws -> Expr {
            skipSpace()
            guard i < s.count else { throw Unsupported(why: "end of input") }
            let c = s[i]
            if c == "\"" { return .literal(.string(try string())) }
            if c == "[" {
                i += 1
                var items: [Expr] = []
                skipSpace()
                if i < s.count && s[i] == "]" { i += 1; return .tuple(items) }
                while true {
                    items.append(try expr())
                    skipSpace()
                    guard i < s.count else { throw Unsupported(why: "unterminated tuple") }
                    if s[i] == "," { i += 1; skipSpace(); if i < s.count && s[i] == "]" { i += 1; return .tuple(items) }; continue }
                    if s[i] == "]" { i += 1; return .tuple(items) }
                    throw Unsupported(why: "tuple syntax")
                }
            }
            if c == "{" {
                i += 1
                var items: [(String, Expr)] = []
                while true {
                    skipSpace()
                    guard i < s.count else { throw Unsupported(why: "unterminated object") }
                    if s[i] == "}" { i += 1; return .object(items) }
                    let key: String
                    if s[i] == "\"" { key = try string() } else { key = ident() }
                    if key.isEmpty { throw Unsupported(why: "object key") }
                    skipSpace()
                    guard i < s.count, s[i] == "=" || s[i] == ":" else { throw Unsupported(why: "object syntax") }
                    i += 1
                    items.append((key, try expr()))
                    skipSpace()
                    if i < s.count && s[i] == "," { i += 1 }
                }
            }
            if c.isNumber || c == "-" {
                let start = i
                i += 1
                while i < s.count && (s[i].isNumber || s[i] == "." || s[i] == "e" || s[i] == "E" || ((s[i] == "+" || s[i] == "-") && (s[i - 1] == "e" || s[i - 1] == "E"))) { i += 1 }
                let text = String(s[start..<i])
                guard let v = Value.number(parsing: text) else { throw Unsupported(why: "number \(text)") }
                return .literal(v)
            }
            let name = ident()
            switch name {
            case "true": return .literal(.true)
            case "false": return .literal(.false)
            case "null": return .literal(.dynamicNull)
            case "": throw Unsupported(why: "unexpected \(c)")
            default:
                skipSpace()
                guard i < s.count, s[i] == "(" else { throw Unsupported(why: "reference \(name)") }
                i += 1
                var args: [Expr] = []
                skipSpace()
                if i < s.count && s[i] == ")" { i += 1; return .call(name, args) }
                while true {
                    args.append(try expr())
                    skipSpace()
                    guard i < s.count else { throw Unsupported(why: "unterminated call") }
                    if s[i] == "," { i += 1; continue }
                    if s[i] == ")" { i += 1; return .call(name, args) }
                    throw Unsupported(why: "call syntax")
                }
            }
        }

        mutating func ident() -> String {
            let start = i
            while i < s.count && (s[i].isLetter || s[i].isNumber || s[i] == "_") { i += 1 }
            return String(s[start..<i])
        }

        mutating func string() throws -> String {
            i += 1
            var out = ""
            while i < s.count {
                let c = s[i]
                if c == "\"" { i += 1; return out }
                if c == "\\" {
                    guard i + 1 < s.count else { break }
                    let n = s[i + 1]
                    i += 2
                    switch n {
                    case "n": out += "\n"
                    case "t": out += "\t"
                    case "r": out += "\r"
                    case "\"": out += "\""
                    case "\\": out += "\\"
                    case "u":
                        let hex = String(s[i..<min(i + 4, s.count)])
                        guard let v = UInt32(hex, radix: 16), let u = Unicode.Scalar(v) else { throw Unsupported(why: "escape") }
                        out.unicodeScalars.append(u)
                        i += 4
                    default: throw Unsupported(why: "escape \\\(n)")
                    }
                    continue
                }
                if c == "$" && i + 1 < s.count && s[i + 1] == "{" { throw Unsupported(why: "interpolation") }
                if c == "%" && i + 1 < s.count && s[i + 1] == "{" { throw Unsupported(why: "directive") }
                if (c == "$" || c == "%") && i + 2 < s.count && s[i + 1] == c && s[i + 2] == "{" {
                    out.append(c); out += "{"; i += 3; continue
                }
                out.append(c)
                i += 1
            }
            throw Unsupported(why: "unterminated string")
        }
    }

    // MARK: Evaluation

    struct CallFailure: Error {
        var summary: String
        var detail: String
    }

    static func evaluate(_ e: Expr, base: String) throws -> Value {
        switch e {
        case .literal(let v): return v
        case .tuple(let items): return .tuple(try items.map { try evaluate($0, base: base) })
        case .object(let items):
            var attrs: [String: Value] = [:]
            for (k, v) in items { attrs[k] = try evaluate(v, base: base) }
            return .object(attrs)
        case .call(let name, let argExprs):
            guard let f = FunctionTable.standard[name] else { throw Unsupported(why: "function \(name) not in table") }
            let args = try argExprs.map { try evaluate($0, base: base) }
            if args.count < f.parameters.count || (f.variadic == nil && args.count > f.parameters.count) {
                throw Unsupported(why: "arity errors are the evaluator's")
            }
            do {
                return try f.callConverting(args, baseDirectory: base)
            } catch let e as FunctionArgumentError {
                let p = f.parameter(at: e.argument)?.name ?? "?"
                throw CallFailure(summary: "Invalid function argument", detail: "Invalid value for \"\(p)\" parameter: \(e.message).")
            } catch let e as FunctionCallError {
                throw CallFailure(summary: "Error in function call", detail: "Call to function \"\(name)\" failed: \(e.message).")
            }
        }
    }

    static func stripANSI(_ s: String) -> String {
        s.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    /// Summary and detail of the first diagnostic in terraform's stderr,
    /// with the detail's line wrapping undone.
    static func terraformError(_ stderr: String) -> (String, String) {
        let lines = stripANSI(stderr).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var summary = ""
        var detail: [String] = []
        var seenSource = false
        for l in lines where l.hasPrefix("│") {
            let body = String(l.dropFirst(2))
            if body.hasPrefix("Error: ") { summary = String(body.dropFirst(7)); continue }
            if body.contains("(source code not available)") { seenSource = true; continue }
            if seenSource && !body.trimmingCharacters(in: .whitespaces).isEmpty { detail.append(body) }
        }
        return (summary, detail.joined(separator: " "))
    }

    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    /// The locals of Tests/Fixtures/console/fs/main.tf, which the capture
    /// ran in (the templatestring cases refer to them).
    static let fixtureLocals: [String: Value] = [
        "greet": .string("Hello, ${name}!"),
        "backends": .string("%{ for a in addrs ~}\nbackend ${a}:${port}\n%{ endfor ~}\n"),
        "badref": .string("${nope}"),
        "badsyn": .string("${"),
        "notstr": .int(5),
    ]

    /// Runs one case through the console session (parser, evaluator, function
    /// table, renderer) and compares stdout byte for byte and stderr with
    /// terraform's colour codes removed.
    static func run(_ c: Case) -> Outcome {
        let base = fixtures.appendingPathComponent("fs").path
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        var scope = TerraformScope()
        scope.pathModule = base
        scope.pathRoot = base
        scope.pathCwd = base
        scope.locals = fixtureLocals
        let session = ConsoleSession(scope: scope)
        func portable(_ s: String) -> String {
            s.replacingOccurrences(of: base, with: "@CWD@").replacingOccurrences(of: home, with: "@HOME@")
        }
        let result = session.evaluate(c.expr)
        let out = result.output.map { $0 + "\n" } ?? ""
        let renderer = DiagnosticRenderer(sources: SourceFiles(), color: true, style: .boxed)
        let err = result.diagnostics.map { renderer.render($0) }.joined()
        let gotOut = portable(out)
        let gotErr = stripANSI(portable(err))
        let wantErr = stripANSI(c.stderr)
        if gotOut == c.stdout && normalizeErr(gotErr) == normalizeErr(wantErr) { return .match }
        return .mismatch(expected: c.stdout + wantErr, got: gotOut + gotErr)
    }

    /// Terraform's coloured layout ends with an extra reset line; compare
    /// the diagnostic text without trailing blank lines or trailing spaces.
    static func normalizeErr(_ s: String) -> String {
        var lines = s.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
