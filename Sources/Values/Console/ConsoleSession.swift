import HCL

/// One `terraform console`-style session: each input line is parsed as an
/// expression, checked against the scope, evaluated and rendered exactly as
/// Terraform prints it. Errors are returned as diagnostics for the caller to
/// render (see `ConsoleDiagnosticText` for Terraform's plain layout).
public struct ConsoleSession: Sendable {
    public var scope: TerraformScope
    public var functions: FunctionTable
    public static let inputFilename = "<console-input>"

    public init(scope: TerraformScope = TerraformScope(), functions: FunctionTable = .consoleFunctions) {
        self.scope = scope
        self.functions = functions
    }

    public struct Result: Sendable {
        /// The rendered value (no trailing newline), when evaluation succeeded.
        public var output: String?
        public var diagnostics: Diagnostics
    }

    public func evaluate(_ line: String) -> Result {
        let (expr, parseDiags) = Parser.parseExpression(Array(line.utf8), filename: ConsoleSession.inputFilename)
        if parseDiags.hasErrors { return Result(output: nil, diagnostics: parseDiags) }
        let refDiags = scope.checkReferences(expr)
        if refDiags.hasErrors { return Result(output: nil, diagnostics: refDiags) }
        let (value, diags) = Evaluator.evaluate(expr, in: scope.evalContext(functions: functions, baseDirectory: scope.fileBaseDirectory ?? scope.pathModule))
        if diags.hasErrors { return Result(output: nil, diagnostics: diags) }
        if value.type != .typeValue && ConsoleSession.containsTypeValue(value) {
            var d = diags
            d += .error("Invalid use of type function", "The console-only \"type\" function cannot be used as part of an expression.")
            return Result(output: nil, diagnostics: d)
        }
        return Result(output: ConsoleRenderer.render(value), diagnostics: diags)
    }

    static func containsTypeValue(_ v: Value) -> Bool {
        if v.type == .typeValue { return true }
        switch v.content {
        case .elements(let e): return e.contains(where: containsTypeValue)
        case .attributes(let a): return a.values.contains(where: containsTypeValue)
        default: return false
        }
    }

    /// What terraform console writes for one input: the value line on stdout,
    /// or the diagnostics (plain, no colour) on stderr.
    public func transcript(_ line: String) -> (stdout: String, stderr: String) {
        let r = evaluate(line)
        var err = ""
        for d in r.diagnostics { err += ConsoleDiagnosticText.render(d) + "\n" }
        if let o = r.output { return (o + "\n", err) }
        return ("", err)
    }
}

/// Terraform's plain (no colour) diagnostic layout, as the console prints it
/// when the source text is not kept: summary, location line, wrapped detail.
public enum ConsoleDiagnosticText {
    public static func render(_ d: Diagnostic, width: Int = 78) -> String {
        var out = d.severity == .error ? "\nError: " : "\nWarning: "
        out += d.summary + "\n\n"
        if let s = d.subject {
            out += "  on \(s.filename) line \(s.start.line):\n  (source code not available)\n\n"
        }
        if !d.detail.isEmpty {
            for line in d.detail.split(separator: "\n", omittingEmptySubsequences: false) {
                out += (line.hasPrefix(" ") ? String(line) : wrap(String(line), limit: width - 1)) + "\n"
            }
        }
        return out
    }

    /// go-wordwrap's WrapString: break at spaces so lines stay within `limit`
    /// characters where possible; words longer than the limit stay whole.
    public static func wrap(_ s: String, limit: Int) -> String {
        var out = ""
        var lineLen = 0
        var word = ""
        var spaces = ""
        func flushWord() {
            if word.isEmpty { return }
            if lineLen + spaces.count + word.count > limit && lineLen > 0 {
                out += "\n"; lineLen = 0; spaces = ""
            }
            out += spaces + word
            lineLen += spaces.count + word.count
            spaces = ""; word = ""
        }
        for c in s {
            if c == " " {
                flushWord()
                spaces.append(c)
            } else {
                word.append(c)
            }
        }
        flushWord()
        if !spaces.isEmpty && lineLen + spaces.count <= limit { out += spaces }
        return out
    }
}
