import BigInt
import Foundation

// The string family: Terraform 1.11's string functions (cty stdlib and
// terraform/internal/lang/funcs), with Go's rune-based semantics where
// Terraform has them and grapheme clusters where cty counts "characters".

extension FunctionTable {
    public static let stringFamily: [String: Function] = [
        "chomp": unary("str") { s in
            var u = Array(s.unicodeScalars)
            while let last = u.last, last == "\n" || last == "\r" { u.removeLast() }
            return .string(String(String.UnicodeScalarView(u)))
        },
        "endswith": Function(
            parameters: [FunctionParameter("str", .string), FunctionParameter("suffix", .string)], returns: .bool
        ) { args, _ in .bool(args[0].str.utf8.reversed().starts(with: args[1].str.utf8.reversed())) },
        "startswith": Function(
            parameters: [FunctionParameter("str", .string), FunctionParameter("prefix", .string)], returns: .bool
        ) { args, _ in .bool(args[0].str.utf8.starts(with: args[1].str.utf8)) },
        "strcontains": Function(
            parameters: [FunctionParameter("str", .string), FunctionParameter("substr", .string)], returns: .bool
        ) { args, _ in
            let sub = args[1].str
            return .bool(sub.isEmpty || args[0].str.contains(sub))
        },
        "format": Function(
            parameters: [FunctionParameter("format", .string)],
            variadic: FunctionParameter("args", .dynamic, allowNull: true),
            returns: .string
        ) { args, _ in
            if args.dropFirst().contains(where: { !$0.isWhollyKnown }) { return .unknown(.string) }
            return .string(try runFormat(args[0].str, Array(args.dropFirst()), argumentBase: 0))
        },
        "formatlist": Function(
            parameters: [FunctionParameter("format", .string)],
            variadic: FunctionParameter("args", .dynamic, allowNull: true, allowUnknown: true),
            returns: .list(.string), implementation: formatList
        ),
        "indent": Function(
            parameters: [FunctionParameter("spaces", .number), FunctionParameter("str", .string)], returns: .string
        ) { args, _ in
            let n = try wholeInt(args[0])
            if n < 0 { throw FunctionCallError("panic in function implementation: strings: negative Repeat count") }
            let pad = String(repeating: " ", count: n)
            return .string(args[1].str.replacingOccurrences(of: "\n", with: "\n" + pad))
        },
        "join": Function(
            parameters: [FunctionParameter("separator", .string)],
            variadic: FunctionParameter("lists", .list(.string)),
            returns: .string
        ) { args, _ in
            if args.count < 2 { throw FunctionCallError("at least one list is required") }
            var parts: [String] = []
            var index = 0
            for list in args.dropFirst() {
                if !list.isKnown { return .unknown(.string) }
                for e in list.elements ?? [] {
                    if !e.isKnown { return .unknown(.string) }
                    guard let s = e.stringValue else {
                        throw FunctionArgumentError(argument: 1, "element \(index) is null; cannot concatenate null values")
                    }
                    parts.append(s)
                    index += 1
                }
            }
            return .string(parts.joined(separator: args[0].str))
        },
        "lower": unary("str") { .string(goCaseMap($0, upper: false)) },
        "upper": unary("str") { .string(goCaseMap($0, upper: true)) },
        "title": unary("str") { .string(goTitle($0)) },
        "strrev": unary("str") { .string(String($0.reversed())) },
        "trimspace": unary("str") { s in
            let u = Array(s.unicodeScalars)
            guard let first = u.firstIndex(where: { !$0.properties.isWhitespace }),
                  let last = u.lastIndex(where: { !$0.properties.isWhitespace }) else { return .string("") }
            return .string(String(String.UnicodeScalarView(u[first...last])))
        },
        "trim": Function(
            parameters: [FunctionParameter("str", .string), FunctionParameter("cutset", .string)], returns: .string
        ) { args, _ in
            let cut = Set(args[1].str.unicodeScalars)
            let u = Array(args[0].str.unicodeScalars)
            guard let first = u.firstIndex(where: { !cut.contains($0) }),
                  let last = u.lastIndex(where: { !cut.contains($0) }) else { return .string("") }
            return .string(String(String.UnicodeScalarView(u[first...last])))
        },
        "trimprefix": Function(
            parameters: [FunctionParameter("str", .string), FunctionParameter("prefix", .string)], returns: .string
        ) { args, _ in
            let s = Array(args[0].str.utf8), p = Array(args[1].str.utf8)
            return .string(s.starts(with: p) ? String(decoding: s[p.count...], as: UTF8.self) : args[0].str)
        },
        "trimsuffix": Function(
            parameters: [FunctionParameter("str", .string), FunctionParameter("suffix", .string)], returns: .string
        ) { args, _ in
            let s = Array(args[0].str.utf8), p = Array(args[1].str.utf8)
            let has = s.count >= p.count && Array(s[(s.count - p.count)...]) == p
            return .string(has ? String(decoding: s[..<(s.count - p.count)], as: UTF8.self) : args[0].str)
        },
        "split": Function(
            parameters: [FunctionParameter("separator", .string), FunctionParameter("str", .string)], returns: .list(.string)
        ) { args, _ in
            let parts = goSplit(args[1].str, args[0].str)
            return .list(parts.map { Value.string($0) }, elementType: .string)
        },
        "replace": Function(
            parameters: [FunctionParameter("str", .string), FunctionParameter("substr", .string), FunctionParameter("replace", .string)],
            returns: .string
        ) { args, _ in
            let str = args[0].str, sub = args[1].str, rep = args[2].str
            if sub.utf8.count > 1 && sub.hasPrefix("/") && sub.hasSuffix("/") {
                let pattern = String(sub.dropFirst().dropLast())
                let m: RegexMatcher
                do { m = try RegexMatcher(pattern) } catch let e as RE2Pattern.SyntaxError { throw FunctionCallError(e.description) }
                return .string(m.replaceAll(in: str, template: rep))
            }
            return .string(goReplaceAll(str, sub, rep))
        },
        "substr": Function(
            parameters: [FunctionParameter("str", .string), FunctionParameter("offset", .number), FunctionParameter("length", .number)],
            returns: .string
        ) { args, _ in
            let chars = Array(args[0].str)
            var offset = try wholeInt(args[1])
            var length = try wholeInt(args[2])
            if offset < 0 { offset = max(0, chars.count + offset) }
            if offset >= chars.count { return .string("") }
            if length < 0 || offset + length > chars.count { length = chars.count - offset }
            return .string(String(chars[offset..<(offset + length)]))
        },
        // Terraform also refuses a template written literally in the call (it
        // inspects the argument expression); that check needs the evaluator's
        // help and is not made here.
        "templatestring": Function(
            parameters: [FunctionParameter("template", .dynamic, allowDynamicType: true), FunctionParameter("vars", .dynamic, allowDynamicType: true)],
            returns: .dynamic
        ) { args, context in
            guard args[0].type == .string, let source = args[0].stringValue else {
                throw FunctionArgumentError(argument: 0, "invalid template value: a string is required")
            }
            let vars = try TemplateRendering.variables(args[1])
            do {
                return try TemplateRendering.render(source, filename: "<templatestring argument>", vars: vars, context: context)
            } catch let failure as TemplateRendering.Failure {
                switch failure {
                case .syntax(let m): throw FunctionArgumentError(argument: 0, "invalid template: " + m + ".")
                case .evaluation(let m): throw FunctionCallError(m + ".")
                case .missingVariable(let m): throw FunctionArgumentError(argument: 1, m)
                }
            }
        },
        "regex": Function(
            parameters: [FunctionParameter("pattern", .string), FunctionParameter("string", .string)],
            returnType: { args in
                guard let p = args[0].stringValue, args[0].isKnown else { return .dynamic }
                return try regexResultType(p)
            },
            implementation: { args, context in
                if context.returnType == .dynamic { return .unknown(.dynamic) }
                let m = try compileRegex(args[0].str)
                guard let (ns, match) = m.firstMatch(in: args[1].str) else {
                    throw FunctionCallError("pattern did not match any part of the given string")
                }
                return regexResult(m, ns, match, context.returnType)
            }
        ),
        "regexall": Function(
            parameters: [FunctionParameter("pattern", .string), FunctionParameter("string", .string)],
            returnType: { args in
                guard let p = args[0].stringValue, args[0].isKnown else { return .list(.dynamic) }
                return .list(try regexResultType(p))
            },
            implementation: { args, context in
                guard let ety = context.returnType.elementType, ety != .dynamic else { return .unknown(.list(.dynamic)) }
                let m = try compileRegex(args[0].str)
                let (ns, matches) = m.allMatches(in: args[1].str)
                return .list(matches.map { regexResult(m, ns, $0, ety) }, elementType: ety)
            }
        ),
    ]

    // MARK: Helpers

    static func unary(_ name: String, _ body: @escaping @Sendable (String) throws -> Value) -> Function {
        Function(parameters: [FunctionParameter(name, .string)], returns: .string) { args, _ in try body(args[0].str) }
    }

    /// cty's `value must be a whole number, between ...` for int parameters.
    static func wholeInt(_ v: Value) throws -> Int {
        guard let n = v.numberValue, n.isInteger, let i = n.intValue else {
            throw FunctionCallError("value must be a whole number, between -9223372036854775808 and 9223372036854775807")
        }
        return i
    }

    /// Go's strings.Split: an empty separator splits into code points.
    static func goSplit(_ s: String, _ sep: String) -> [String] {
        if sep.isEmpty { return s.unicodeScalars.map { String($0) } }
        let b = Array(s.utf8), p = Array(sep.utf8)
        var parts: [String] = []
        var start = 0, i = 0
        while i + p.count <= b.count {
            if b[i] == p[0] && Array(b[i..<(i + p.count)]) == p {
                parts.append(String(decoding: b[start..<i], as: UTF8.self))
                i += p.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(decoding: b[start...], as: UTF8.self))
        return parts
    }

    /// Go's strings.Replace(s, old, new, -1); an empty `old` inserts between code points.
    static func goReplaceAll(_ s: String, _ old: String, _ new: String) -> String {
        if old.isEmpty {
            var out = new
            for u in s.unicodeScalars { out.unicodeScalars.append(u); out += new }
            return out
        }
        return goSplit(s, old).joined(separator: new)
    }

    /// Go's unicode.ToUpper/ToLower per code point: only one-to-one mappings
    /// apply (so "ß" stays "ß", unlike Swift's uppercased()).
    static func goCaseMap(_ s: String, upper: Bool) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let mapped = upper ? u.properties.uppercaseMapping : u.properties.lowercaseMapping
            let scalars = Array(mapped.unicodeScalars)
            out.append(scalars.count == 1 ? scalars[0] : u)
        }
        return String(out)
    }

    /// Go's strings.Title: title-case each letter that follows a separator.
    static func goTitle(_ s: String) -> String {
        func isSeparator(_ r: Unicode.Scalar) -> Bool {
            if r.value <= 0x7F {
                return !((r >= "a" && r <= "z") || (r >= "A" && r <= "Z") || r == "_" || (r >= "0" && r <= "9"))
            }
            if r.properties.isAlphabetic || r.properties.numericType == .decimal { return false }
            return r.properties.isWhitespace
        }
        var out = String.UnicodeScalarView()
        var prev: Unicode.Scalar = " "
        for u in s.unicodeScalars {
            if isSeparator(prev) {
                let scalars = Array(u.properties.titlecaseMapping.unicodeScalars)
                out.append(scalars.count == 1 ? scalars[0] : u)
            } else {
                out.append(u)
            }
            prev = u
        }
        return String(out)
    }

    static func runFormat(_ f: String, _ args: [Value], argumentBase: Int) throws -> String {
        do {
            return try FormatString.format(f, args)
        } catch let e as FormatString.Failure {
            switch e {
            case .call(let m): throw FunctionCallError(m)
            case .argument(let i, let m): throw FunctionArgumentError(argument: argumentBase + i, m)
            }
        }
    }

    static let formatList: Function.Implementation = { args, _ in
        let f = args[0].str
        let rest = Array(args.dropFirst())
        if rest.isEmpty {
            return .list([.string(try runFormat(f, [], argumentBase: 0))], elementType: .string)
        }
        var iterLen = -1, chooser = -1
        var sequences: [[Value]?] = Array(repeating: nil, count: rest.count)
        var unknown = false
        for (i, a) in rest.enumerated() {
            let t = a.type
            if (t.isList || t.isSet || t.isTuple) && !a.isNull {
                guard a.isKnown, let e = a.elements else { unknown = true; continue }
                if iterLen == -1 {
                    iterLen = e.count
                    chooser = i
                } else if e.count != iterLen {
                    throw FunctionArgumentError(argument: i + 1, "argument \(i + 1) has length \(e.count), which is inconsistent with argument \(chooser + 1) of length \(iterLen)")
                }
                sequences[i] = e
            }
        }
        if unknown { return .unknown(.list(.string)) }
        if iterLen == 0 { return .emptyList(.string) }
        if iterLen == -1 { iterLen = 1 }
        var out: [Value] = []
        results: for k in 0..<iterLen {
            var callArgs: [Value] = []
            for (i, a) in rest.enumerated() {
                let v = sequences[i]?[k] ?? a
                if !v.isWhollyKnown { out.append(.unknown(.string)); continue results }
                callArgs.append(v)
            }
            do {
                out.append(.string(try FormatString.format(f, callArgs)))
            } catch let e as FormatString.Failure {
                switch e {
                case .call(let m): throw FunctionCallError("error on format iteration \(k): \(m)")
                case .argument(let i, let m): throw FunctionArgumentError(argument: i, m)
                }
            }
        }
        return .list(out, elementType: .string)
    }

    static func compileRegex(_ pattern: String) throws -> RegexMatcher {
        do {
            return try RegexMatcher(pattern)
        } catch let e as RE2Pattern.SyntaxError {
            throw FunctionArgumentError(argument: 0, "invalid regexp pattern: \(e.code) in \(e.expr)")
        }
    }

    static func regexResultType(_ pattern: String) throws -> ValueType {
        let m = try compileRegex(pattern)
        let names = m.pattern.groupNames
        let unnamed = names.filter(\.isEmpty).count
        let named = names.filter { !$0.isEmpty }
        if names.isEmpty { return .string }
        if unnamed > 0 && !named.isEmpty {
            throw FunctionArgumentError(argument: 0, "invalid regexp pattern: cannot mix both named and unnamed capture groups")
        }
        if unnamed > 0 { return .tuple(Array(repeating: .string, count: unnamed)) }
        var attrs: [String: ValueType] = [:]
        for n in named { attrs[n] = .string }
        return .object(attrs)
    }

    static func regexResult(_ m: RegexMatcher, _ ns: NSString, _ match: RegexMatcher.Match, _ type: ValueType) -> Value {
        func text(_ r: Range<Int>?) -> Value {
            guard let r else { return .null(.string) }
            return .string(ns.substring(with: NSRange(location: r.lowerBound, length: r.count)))
        }
        switch type {
        case .string: return text(match.range)
        case .tuple: return .tuple(match.groups.map(text))
        default:
            var attrs: [String: Value] = [:]
            for (i, name) in m.pattern.groupNames.enumerated() { attrs[name] = text(match.groups[i]) }
            return .object(attrs)
        }
    }
}

extension Value {
    /// The string content of an argument the call machinery has already
    /// checked to be a known, non-null string.
    var str: String { stringValue ?? "" }
}
