import HCL
import JSON
import Values

/// The text of terraform's diff renderers (list, map, object, set, block,
/// primitive, string, JSON string, sensitive, unknown, type change), as its
/// `computed/renderers` print them; levels of four spaces, 4-column symbols.
extension ValueDiff {
    static func indentText(_ n: Int) -> String { String(repeating: "    ", count: max(0, n)) }

    /// terraform's colorstring: the code, the text, a reset, and the reset every coloured piece ends with.
    static func paint(_ code: String, _ text: String, _ opts: Opts) -> String {
        opts.color ? "\u{1B}[\(code)m" + text + "\u{1B}[0m\u{1B}[0m" : text
    }

    static func symbol(_ a: Action, _ opts: Opts) -> String {
        if opts.hideSymbols { return "" }
        switch a {
        case .create: return "  " + paint("32", "+", opts) + " "
        case .delete: return "  " + paint("31", "-", opts) + " "
        case .update: return "  " + paint("33", "~", opts) + " "
        case .noOp: return "    "
        }
    }

    static func arrow(_ opts: Opts) -> String { " " + paint("33", "->", opts) + " " }

    static func nullSuffix(_ a: Action, _ opts: Opts) -> String { !opts.overrideNullSuffix && a == .delete ? " " + paint("90", "-> null", opts) : "" }

    static func forcesReplacement(_ replace: Bool, _ opts: Opts) -> String {
        (replace || opts.forceForcesReplacement) && !opts.forbidForcesReplacement ? " " + paint("31", "# forces replacement", opts) : ""
    }

    static func unchanged(_ keyword: String, _ n: Int, _ opts: Opts) -> String {
        paint("90", "# (\(n) unchanged \(keyword)\(n == 1 ? "" : "s") hidden)", opts)
    }

    static func attributeName(_ key: String) -> String { PlanRenderer.isHCLIdentifier(key) ? key : GoStrings.quote(key) }

    static func padded(_ s: String, _ width: Int) -> String {
        // Widths are measured in bytes (Go's len) but %-*s pads by runes.
        let n = s.unicodeScalars.count
        return n >= width ? s : s + String(repeating: " ", count: width - n)
    }

    static func render(_ d: CDiff, _ indent: Int, _ opts: Opts) -> String {
        switch d.renderer {
        case .primitive(let b, let a, let t):
            if t == .string { return renderString(d, b, a, indent, opts) }
            func text(_ v: JV) -> String {
                switch v {
                case .bool(let x): return x ? "true" : "false"
                case .number(let n): return n
                default: return opts.nullText
                }
            }
            switch d.action {
            case .create: return text(a) + forcesReplacement(d.replace, opts)
            case .delete: return text(b) + nullSuffix(d.action, opts) + forcesReplacement(d.replace, opts)
            case .noOp: return text(b) + forcesReplacement(d.replace, opts)
            case .update: return text(b) + arrow(opts) + text(a) + forcesReplacement(d.replace, opts)
            }
        case .sensitive:
            return "(sensitive value)" + nullSuffix(d.action, opts) + forcesReplacement(d.replace, opts)
        case .unknown(let before):
            guard d.action != .create, let b = before else { return "(known after apply)" + forcesReplacement(d.replace, opts) }
            var o = opts.cloned
            o.overrideNullSuffix = true
            if d.replace { o.forbidForcesReplacement = true }
            return render(b, indent, o) + " -> (known after apply)" + forcesReplacement(d.replace, opts)
        case .typeChange(let b, let a):
            var o = opts
            o.overrideNullSuffix = true
            return render(b, indent, o) + arrow(opts) + render(a, indent, o)
        case .object(let attrs): return renderObject(d, attrs, indent, opts)
        case .map(let elems): return renderMap(d, elems, indent, opts)
        case .list(let elems, let context): return renderList(d, elems, context, indent, opts)
        case .set(let elems): return renderSet(d, elems, indent, opts)
        case .block(let attrs, let blocks): return renderBlock(d, attrs, blocks, indent, opts)
        }
    }

    static func warnings(_ d: CDiff, _ indent: Int, _ opts: Opts) -> [String] {
        guard case .sensitive(let inner, let bs, let as_) = d.renderer else { return [] }
        if bs == as_ || inner.action == .create || inner.action == .delete { return [] }
        var w: String
        if bs {
            w = "  # Warning: this attribute value will no longer be marked as sensitive\n\(indentText(indent))  # after applying this change."
        } else {
            w = "  # Warning: this attribute value will be marked as sensitive and will not\n\(indentText(indent))  # display in UI output after applying this change."
        }
        if opts.color {
            // One colorstring call over the whole warning: yellow "Warning", one reset at its end.
            w = w.replacingOccurrences(of: "# Warning:", with: "# \u{1B}[33mWarning\u{1B}[0m:") + "\u{1B}[0m"
        }
        if inner.action == .noOp { w += " The value is unchanged." }
        return [w]
    }

    static func isObjectRenderer(_ d: CDiff) -> Bool { if case .object = d.renderer { return true }; return false }

    static func renderObject(_ d: CDiff, _ attrs: [String: CDiff], _ indent: Int, _ opts: Opts) -> String {
        if attrs.isEmpty { return "{}" + nullSuffix(d.action, opts) + forcesReplacement(d.replace, opts) }
        var attrOpts = opts.cloned
        attrOpts.overrideNullSuffix = true
        let keys = attrs.keys.sorted(by: byteOrder)
        let width = keys.map { attributeName($0).utf8.count }.max() ?? 0
        var hidden = 0
        var out = "{" + forcesReplacement(d.replace, opts) + "\n"
        for key in keys {
            guard let attr = attrs[key] else { continue }
            if PlanRenderer.importantAttributes.contains(key) {
                var o = attrOpts.cloned
                o.showUnchangedChildren = true
                for w in warnings(attr, indent + 1, opts) { out += indentText(indent + 1) + w + "\n" }
                out += indentText(indent + 1) + symbol(attr.action, o) + padded(attributeName(key), width) + " = " + render(attr, indent + 1, o) + "\n"
                continue
            }
            if attr.action == .noOp && !opts.showUnchangedChildren {
                hidden += 1
                continue
            }
            for w in warnings(attr, indent + 1, opts) { out += indentText(indent + 1) + w + "\n" }
            out += indentText(indent + 1) + symbol(attr.action, attrOpts) + padded(attributeName(key), width) + " = " + render(attr, indent + 1, attrOpts) + "\n"
        }
        if hidden > 0 { out += indentText(indent + 1) + symbol(.noOp, opts) + unchanged("attribute", hidden, opts) + "\n" }
        return out + indentText(indent) + symbol(.noOp, opts) + "}" + nullSuffix(d.action, opts)
    }

    static func renderMap(_ d: CDiff, _ elems: [String: CDiff], _ indent: Int, _ opts: Opts) -> String {
        if elems.isEmpty { return "{}" + nullSuffix(d.action, opts) + forcesReplacement(d.replace, opts) }
        let keys = elems.keys.sorted(by: byteOrder)
        let width = keys.map { GoStrings.quote($0).utf8.count }.max() ?? 0
        var elemOpts = opts.cloned
        elemOpts.overrideNullSuffix = d.action == .delete
        var hidden = 0
        var out = "{" + forcesReplacement(d.replace, opts) + "\n"
        for key in keys {
            guard let e = elems[key] else { continue }
            if e.action == .noOp && !opts.showUnchangedChildren {
                hidden += 1
                continue
            }
            for w in warnings(e, indent + 1, opts) { out += indentText(indent + 1) + w + "\n" }
            let comma = isObjectRenderer(e) ? "," : ""
            out += indentText(indent + 1) + symbol(e.action, elemOpts) + padded(GoStrings.quote(key), width) + " = " + render(e, indent + 1, elemOpts) + comma + "\n"
        }
        if hidden > 0 { out += indentText(indent + 1) + symbol(.noOp, opts) + unchanged("element", hidden, opts) + "\n" }
        return out + indentText(indent) + symbol(.noOp, opts) + "}" + nullSuffix(d.action, opts)
    }

    static func renderList(_ d: CDiff, _ elems: [CDiff], _ context: Bool, _ indent: Int, _ opts: Opts) -> String {
        if elems.isEmpty { return "[]" + nullSuffix(d.action, opts) + forcesReplacement(d.replace, opts) }
        var elemOpts = opts.cloned
        elemOpts.overrideNullSuffix = true
        var unchangedOpts = opts.cloned
        unchangedOpts.showUnchangedChildren = true
        var pending: [CDiff] = []
        var renderNext = false
        var out = "[" + forcesReplacement(d.replace, opts) + "\n"
        for e in elems {
            if e.action == .noOp && !renderNext && !opts.showUnchangedChildren {
                pending.append(e)
                continue
            }
            renderNext = false
            var o = elemOpts
            if context {
                if pending.count > 1 { out += indentText(indent + 1) + symbol(.noOp, o) + unchanged("element", pending.count - 1, opts) + "\n" }
                if let last = pending.last {
                    out += indentText(indent + 1) + symbol(last.action, unchangedOpts) + render(last, indent + 1, unchangedOpts) + ",\n"
                }
                pending = []
                if e.action == .noOp { o = unchangedOpts } else { renderNext = true }
            }
            for w in warnings(e, indent + 1, opts) { out += indentText(indent + 1) + w + "\n" }
            out += indentText(indent + 1) + symbol(e.action, o) + render(e, indent + 1, o) + ",\n"
        }
        if !pending.isEmpty { out += indentText(indent + 1) + symbol(.noOp, opts) + unchanged("element", pending.count, opts) + "\n" }
        return out + indentText(indent) + symbol(.noOp, opts) + "]" + nullSuffix(d.action, opts)
    }

    static func renderSet(_ d: CDiff, _ elems: [CDiff], _ indent: Int, _ opts: Opts) -> String {
        if elems.isEmpty { return "[]" + nullSuffix(d.action, opts) + forcesReplacement(d.replace, opts) }
        var elemOpts = opts.cloned
        elemOpts.overrideNullSuffix = true
        elemOpts.forceForcesReplacement = d.replace
        var hidden = 0
        var out = "[\n"
        for e in elems {
            if e.action == .noOp && !opts.showUnchangedChildren {
                hidden += 1
                continue
            }
            for w in warnings(e, indent + 1, opts) { out += indentText(indent + 1) + w + "\n" }
            out += indentText(indent + 1) + symbol(e.action, elemOpts) + render(e, indent + 1, elemOpts) + ",\n"
        }
        if hidden > 0 { out += indentText(indent + 1) + symbol(.noOp, opts) + unchanged("element", hidden, opts) + "\n" }
        return out + indentText(indent) + symbol(.noOp, opts) + "]" + nullSuffix(d.action, opts)
    }

    static func renderBlock(_ d: CDiff, _ attrs: [String: CDiff], _ blocks: [BlockEntry], _ indent: Int, _ opts: Opts) -> String {
        if attrs.isEmpty && blocks.isEmpty { return "{}" + forcesReplacement(d.replace, opts) }
        let keys = attrs.keys.sorted(by: byteOrder)
        let width = keys.map { attributeName($0).utf8.count }.max() ?? 0
        var importantOpts = opts.cloned
        importantOpts.showUnchangedChildren = true
        let attrOpts = opts.cloned
        var hidden = 0
        var out = "{" + forcesReplacement(d.replace, opts) + "\n"
        for key in keys {
            guard let attr = attrs[key] else { continue }
            if PlanRenderer.importantAttributes.contains(key) {
                for w in warnings(attr, indent + 1, opts) { out += indentText(indent + 1) + w + "\n" }
                out += indentText(indent + 1) + symbol(attr.action, importantOpts) + padded(key, width) + " = " + render(attr, indent + 1, importantOpts) + "\n"
                continue
            }
            if attr.action == .noOp && !opts.showUnchangedChildren {
                hidden += 1
                continue
            }
            for w in warnings(attr, indent + 1, opts) { out += indentText(indent + 1) + w + "\n" }
            out += indentText(indent + 1) + symbol(attr.action, attrOpts) + padded(attributeName(key), width) + " = " + render(attr, indent + 1, attrOpts) + "\n"
        }
        if hidden > 0 { out += indentText(indent + 1) + symbol(.noOp, opts) + unchanged("attribute", hidden, opts) + "\n" }
        var hiddenBlocks = 0
        var lastName: String?
        var foundChanged = false
        for entry in blocks {
            if entry.name != lastName {
                lastName = entry.name
                foundChanged = false
            }
            var bd = entry.diff
            let creatingSensitive = bd.action == .create && entry.afterSensitive
            let deletingSensitive = bd.action == .delete && entry.beforeSensitive
            let modifyingSensitive = (bd.action == .update || bd.action == .noOp) && (entry.afterSensitive || entry.beforeSensitive)
            if creatingSensitive || deletingSensitive || modifyingSensitive {
                var action = bd.action
                if bd.action == .noOp && entry.beforeSensitive != entry.afterSensitive { action = .update }
                bd = CDiff(renderer: .sensitive(bd, before: entry.beforeSensitive, after: entry.afterSensitive), action: action, replace: bd.replace)
            }
            if bd.action == .noOp && !opts.showUnchangedChildren {
                hiddenBlocks += 1
                continue
            }
            if !foundChanged && !attrs.isEmpty {
                out += "\n"
                foundChanged = true
            }
            var blockOpts = opts.cloned
            blockOpts.forceForcesReplacement = entry.forceReplace
            for w in warnings(bd, indent + 1, opts) { out += indentText(indent + 1) + w + "\n" }
            let body: String
            if case .sensitive = bd.renderer {
                let p = indentText(indent + 1) + symbol(.noOp, blockOpts)
                body = "{" + forcesReplacement(bd.replace, blockOpts) + "\n" + p + "  # At least one attribute in this block is (or was) sensitive,\n"
                    + p + "  # so its contents will not be displayed.\n" + p + "}"
            } else {
                body = render(bd, indent + 1, blockOpts)
            }
            out += indentText(indent + 1) + symbol(bd.action, blockOpts) + attributeName(entry.name) + " " + body + "\n"
        }
        if hiddenBlocks > 0 { out += "\n" + indentText(indent + 1) + symbol(.noOp, opts) + unchanged("block", hiddenBlocks, opts) + "\n" }
        return out + indentText(indent) + symbol(.noOp, opts) + "}"
    }

    // MARK: strings

    struct EvaluatedString {
        var text: String
        var json: JV?
        var multiline = false
        var isNull = false

        var simple: String { isNull ? text : GoStrings.quote(text) }
    }

    static func evaluateString(_ v: JV, _ opts: Opts) -> EvaluatedString {
        guard case .string(let s) = v else { return EvaluatedString(text: opts.nullText, isNull: true) }
        if s.hasPrefix("{") || s.hasPrefix("[") {
            if let parsed = try? JSON.parse(s) { return EvaluatedString(text: s, json: JV.from(parsed)) }
        }
        if s.contains("\n") {
            return EvaluatedString(text: s.trimmingGoSpace(), multiline: true)
        }
        return EvaluatedString(text: s)
    }

    static func renderString(_ d: CDiff, _ b: JV, _ a: JV, _ indent: Int, _ opts: Opts) -> String {
        var lines: [String] = []
        let noop = symbol(.noOp, opts)
        func heredocLines(_ s: String) -> [String] {
            goLines(s).map { indentText(indent + 1) + noop + $0 }
        }
        switch d.action {
        case .create, .noOp:
            let str = evaluateString(a, opts)
            if str.json != nil {
                return d.action == .noOp ? renderJSONString(d, indent, opts, str, str) : renderJSONString(d, indent, opts, EvaluatedString(text: ""), str)
            }
            if !str.multiline { return str.simple + forcesReplacement(d.replace, opts) }
            lines = heredocLines(str.text)
        case .delete:
            let str = evaluateString(b, opts)
            if str.isNull { return str.simple + forcesReplacement(d.replace, opts) }
            if str.json != nil { return renderJSONString(d, indent, opts, str, EvaluatedString(text: "")) }
            if !str.multiline { return str.simple + nullSuffix(d.action, opts) + forcesReplacement(d.replace, opts) }
            lines = heredocLines(str.text)
        case .update:
            let bs = evaluateString(b, opts), as_ = evaluateString(a, opts)
            if bs.json != nil && as_.json != nil { return renderJSONString(d, indent, opts, bs, as_) }
            if bs.json != nil || as_.json != nil {
                let del = CDiff(renderer: .primitive(b, .null, .string), action: .delete, replace: false)
                let cre = CDiff(renderer: .primitive(.null, a, .string), action: .create, replace: false)
                return render(CDiff(renderer: .typeChange(del, cre), action: d.action, replace: d.replace), indent, opts)
            }
            if !bs.multiline && !as_.multiline {
                return bs.simple + arrow(opts) + as_.simple + forcesReplacement(d.replace, opts)
            }
            let bl = goLines(bs.text), al = goLines(as_.text)
            processSlice(bl, al, isObject: { _ in false }) { bi, ai in
                if bi < 0 || bi >= bl.count {
                    lines.append(indentText(indent + 1) + symbol(.create, opts) + al[ai])
                } else if ai < 0 || ai >= al.count {
                    lines.append(indentText(indent + 1) + symbol(.delete, opts) + bl[bi])
                } else if bl[bi] != al[ai] {
                    lines.append(indentText(indent + 1) + symbol(.delete, opts) + bl[bi])
                    lines.append(indentText(indent + 1) + symbol(.create, opts) + al[ai])
                } else {
                    lines.append(indentText(indent + 1) + noop + bl[bi])
                }
            }
        }
        return "<<-EOT" + forcesReplacement(d.replace, opts) + "\n" + lines.joined(separator: "\n") + "\n" + indentText(indent) + noop + "EOT" + nullSuffix(d.action, opts)
    }

    /// Split on "\n" scalars (a Swift Character would keep "\r\n" together).
    static func goLines(_ s: String) -> [String] {
        s.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
    }

    static func renderJSONString(_ d: CDiff, _ indent: Int, _ opts: Opts, _ b: EvaluatedString, _ a: EvaluatedString) -> String {
        let change = Change(beforeExplicit: d.action != .create, afterExplicit: d.action != .delete, before: b.json ?? .null, after: a.json ?? .null)
        let jsonDiff = jsonTransform(change)
        var action = d.action
        var jsonOpts = opts.cloned
        jsonOpts.overrideNullSuffix = true
        var whitespace = "", replace = ""
        if jsonDiff.action == .noOp && d.action == .update {
            whitespace = d.replace ? " # whitespace changes force replacement" : " # whitespace changes"
            jsonOpts.showUnchangedChildren = true
            action = .noOp
        } else {
            replace = forcesReplacement(d.replace, opts)
        }
        let rendered = render(jsonDiff, indent + 1, jsonOpts)
        if d.action == .create || d.action == .delete { action = .noOp }
        if rendered.contains("\n") {
            return "jsonencode(" + whitespace + "\n" + indentText(indent + 1) + symbol(action, opts) + rendered + replace + "\n"
                + indentText(indent) + symbol(.noOp, opts) + ")" + nullSuffix(d.action, opts)
        }
        return "jsonencode(" + rendered + ")" + whitespace + replace
    }
}

extension String {
    /// Go's strings.TrimSpace (Unicode white space at both ends).
    func trimmingGoSpace() -> String {
        let scalars = Array(unicodeScalars)
        var start = 0, end = scalars.count
        while start < end && scalars[start].properties.isWhitespace { start += 1 }
        while end > start && scalars[end - 1].properties.isWhitespace { end -= 1 }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[start..<end])
        return String(s)
    }
}

