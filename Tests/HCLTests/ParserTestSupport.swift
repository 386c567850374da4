@testable import HCL

/// A compact S-expression rendering of the AST so tests can state expected trees in one line.
func sexpr(_ e: Expression) -> String {
    switch e.kind {
    case .literal(let v): return lit(v)
    case .template(let parts): return "(tmpl" + parts.map { " " + sexpr($0) }.joined() + ")"
    case .templateWrap(let inner): return "(wrap \(sexpr(inner)))"
    case .scopeTraversal(let t): return t.rootName + t.steps.map(step).joined()
    case .relativeTraversal(let s, let steps): return "(rel \(sexpr(s)) " + steps.map(step).joined() + ")"
    case .functionCall(let c): return "(call \(c.name)" + c.arguments.map { " " + sexpr($0) }.joined() + (c.expandFinalArgument ? " ..." : "") + ")"
    case .conditional(let c, let t, let f): return "(? \(sexpr(c)) \(sexpr(t)) \(sexpr(f)))"
    case .binaryOp(let op, let l, let r): return "(\(op.rawValue) \(sexpr(l)) \(sexpr(r)))"
    case .unaryOp(let op, let x, _): return "(\(op.rawValue)\(sexpr(x)))"
    case .tuple(let xs): return "[" + xs.map(sexpr).joined(separator: " ") + "]"
    case .object(let items):
        return "{" + items.map { item in
            let k = item.key.bareIdentifier.map { "'\($0)" } ?? sexpr(item.key.expression)
            return "\(k)=\(sexpr(item.value))"
        }.joined(separator: " ") + "}"
    case .forExpr(let f):
        var s = f.isObject ? "(for-obj " : "(for-tup "
        if let k = f.keyVariable { s += k + "," }
        s += f.valueVariable + " in " + sexpr(f.collection) + " :"
        if let k = f.keyExpression { s += " " + sexpr(k) + " =>" }
        s += " " + sexpr(f.valueExpression)
        if f.grouping { s += " ..." }
        if let c = f.condition { s += " if " + sexpr(c) }
        return s + ")"
    case .index(let c, let k, _): return "(index \(sexpr(c)) \(sexpr(k)))"
    case .splat(let s, let each, let full, _): return "(\(full ? "splat" : "attr-splat") \(sexpr(s)) \(sexpr(each)))"
    case .splatItem: return "@"
    case .parentheses(let x): return "(paren \(sexpr(x)))"
    case .invalid: return "<invalid>"
    }
}

func sexpr(_ p: TemplatePart) -> String {
    switch p {
    case .literal(let s, _): return lit(.string(s))
    case .interpolation(let i): return "${\(i.stripLeft ? "~" : "")\(sexpr(i.expression))\(i.stripRight ? "~" : "")}"
    case .conditional(let c):
        return "(%if \(sexpr(c.condition))" + c.thenParts.map { " " + sexpr($0) }.joined() + " %else" + c.elseParts.map { " " + sexpr($0) }.joined() + ")"
    case .forLoop(let f):
        return "(%for \(f.keyVariable.map { $0 + "," } ?? "")\(f.valueVariable) in \(sexpr(f.collection))" + f.body.map { " " + sexpr($0) }.joined() + ")"
    }
}

func lit(_ v: LiteralValue) -> String {
    switch v {
    case .number(let n): return n
    case .string(let s):
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    case .bool(let b): return b ? "true" : "false"
    case .null: return "null"
    case .unknown: return "<unknown>"
    }
}

func step(_ s: TraversalStep) -> String {
    switch s.kind {
    case .attribute(let n): return "." + n
    case .index(let v): return s.isLegacyIndex ? ".\(lit(v))" : "[\(lit(v))]"
    }
}

func parseExpr(_ src: String) -> (Expression, Diagnostics) {
    Parser.parseExpression(Array(src.utf8), filename: "e.hcl")
}

func exprTree(_ src: String) -> String {
    let (e, d) = parseExpr(src)
    if d.hasErrors { return "ERROR: " + d.items.map(\.summary).joined(separator: "; ") }
    return sexpr(e)
}

func parseFileSource(_ src: String, filename: String = "main.tf") -> (File, Diagnostics) {
    Parser.parseFile(Array(src.utf8), filename: filename)
}

/// `line:col-line:col` of a range, for compact range assertions.
func span(_ r: SourceRange?) -> String {
    guard let r else { return "nil" }
    return "\(r.start.line):\(r.start.column)-\(r.end.line):\(r.end.column)"
}
