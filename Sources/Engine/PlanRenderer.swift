import Config
import Values

/// The human plan text terraform prints (`-no-color` form): the action
/// legend, one block per changed instance with attribute diffs aligned as
/// terraform aligns them, the summary line and output changes.
public enum PlanRenderer {
    static let importantAttributes: Set<String> = ["id", "name", "tags"]

    /// From the legend through the "Changes to Outputs" section (or the "No changes." text).
    /// `errored`: planning stopped with errors; terraform still shows what it had planned.
    /// `color`: value diffs carry terraform's colours (the CLI colours the rest of the text).
    public static func render(_ plan: Plan, errored: Bool = false, color: Bool = false) -> String {
        var out = ""
        let changed = plan.changes.filter(\.isChange)
        if changed.isEmpty {
            if plan.hasOutputChanges {
                out += "\nChanges to Outputs:\n" + outputLines(plan.outputChanges, color: color)
                out += "\nYou can apply this plan to save these new output values to the Terraform\nstate, without changing any real infrastructure.\n"
                return out
            }
            if plan.isRefreshOnly {
                out += "\nNo changes. Your infrastructure still matches the configuration.\n\n"
                out += "Terraform has checked that the real remote objects still match the result of\nyour most recent changes, and found no differences.\n"
                return out
            }
            out += "\nNo changes. Your infrastructure matches the configuration.\n\n"
            out += "Terraform has compared your real infrastructure against your configuration\nand found no differences, so no changes are needed.\n"
            return out
        }
        let actions = Set(changed.map(\.action))
        // Moves alone have no symbol to explain.
        if !actions.subtracting([.noOp]).isEmpty {
            out += "\nTerraform used the selected providers to generate the following execution\nplan. Resource actions are indicated with the following symbols:\n"
        }
        if actions.contains(.create) { out += "  + create\n" }
        if actions.contains(.update) { out += "  ~ update in-place\n" }
        if actions.contains(.delete) { out += "  - destroy\n" }
        if actions.contains(.deleteThenCreate) { out += "-/+ destroy and then create replacement\n" }
        if actions.contains(.createThenDelete) { out += "+/- create replacement and then destroy\n" }
        if actions.contains(.read) { out += " <= read (data resources)\n" }
        out += errored ? "\nTerraform planned the following actions, but then encountered a problem:\n"
            : "\nTerraform will perform the following actions:\n"
        for change in changed {
            out += "\n" + resourceBlock(change, color: color)
        }
        out += "\n" + summaryLine(plan) + "\n"
        if plan.hasOutputChanges {
            out += "\nChanges to Outputs:\n" + outputLines(plan.outputChanges, color: color)
        }
        return out
    }

    public static func summaryLine(_ plan: Plan) -> String {
        let imports = plan.toImport
        return "Plan: " + (imports > 0 ? "\(imports) to import, " : "") + "\(plan.toAdd) to add, \(plan.toChange) to change, \(plan.toDestroy) to destroy."
    }

    static func outputLines(_ changes: [OutputChange], color: Bool = false) -> String {
        let shown = changes.filter { $0.action != .noOp }
        // terraform pads to the longest name of every output change, unchanged ones included.
        let width = changes.map(\.name.count).max() ?? 0
        var out = ""
        for c in shown {
            let name = c.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let before: Value? = c.action == .create || c.before.isNull ? nil : c.before
            let after: Value? = c.action == .delete ? nil : c.after
            guard let d = ValueDiff.outputDiff(before: before, after: after, sensitive: c.sensitive, color: color) else { continue }
            out += "\(d.symbol) \(name) = \(d.text)\n"
        }
        return out
    }

    static func header(_ c: PlannedChange) -> String {
        let addr = c.address.description
        if let id = c.importID {
            if c.action == .noOp && c.previousAddress == nil { return "  # \(addr) will be imported\n" }
            var plain = c
            plain.importID = nil
            return header(plain) + "  # (imported from \(GoQuoteBridge.quote(id)))\n"
        }
        if let from = c.previousAddress {
            if c.action == .noOp { return "  # \(from) has moved to \(addr)\n" }
            return header(PlannedChange(address: c.address, action: c.action, before: c.before, after: c.after, reason: c.reason,
                                        providerAddress: c.providerAddress, providerSource: c.providerSource, schema: c.schema))
                + "  # (moved from \(from))\n"
        }
        switch c.action {
        case .create: return "  # \(addr) will be created\n"
        case .update: return "  # \(addr) will be updated in-place\n"
        case .deleteThenCreate, .createThenDelete:
            switch c.reason {
            case .replaceByRequest?: return "  # \(addr) will be replaced, as requested\n"
            case .replaceByTriggers?: return "  # \(addr) will be replaced due to changes in replace_triggered_by\n"
            case .replaceBecauseTainted?: return "  # \(addr) is tainted, so must be replaced\n"
            default: return "  # \(addr) must be replaced\n"
            }
        case .forget:
            return " # \(addr) will no longer be managed by Terraform, but will not be destroyed\n # (destroy = false is set in the configuration)\n"
        case .read:
            var s = "  # \(addr) will be read during apply\n"
            if c.reason == .readBecauseConfigUnknown { s += "  # (config refers to values not yet known)\n" }
            if c.reason == .readBecauseDependencyPending { s += "  # (depends on a resource or a module with changes pending)\n" }
            return s
        case .delete:
            var s = "  # \(addr) will be destroyed\n"
            switch c.reason {
            case .countIndexOutOfRange?: s += "  # (because index \(c.address.key) is out of range for count)\n"
            case .eachKeyNotFound?: s += "  # (because key \(c.address.key) is not in for_each map)\n"
            case .noResourceConfig?: s += "  # (because \(c.address.resource.resource.type).\(c.address.resource.resource.name) is not in configuration)\n"
            case .noModule?: s += "  # (because \(c.address.module) is not in configuration)\n"
            case .noCountExpected?: s += "  # (because resource does not use count)\n"
            case .noForEachExpected?: s += "  # (because resource does not use for_each)\n"
            case .countExpected?: s += "  # (because resource uses count)\n"
            case .forEachExpected?: s += "  # (because resource uses for_each)\n"
            default: break
            }
            return s
        case .noOp: return ""
        }
    }

    static func resourceBlock(_ c: PlannedChange, color: Bool = false) -> String {
        let r = c.address.resource.resource
        let symbol: String
        switch c.action {
        case .create: symbol = "  +"
        case .update: symbol = "  ~"
        case .delete: symbol = "  -"
        case .deleteThenCreate: symbol = "-/+"
        case .createThenDelete: symbol = "+/-"
        case .read: symbol = " <="
        case .forget: symbol = " ."
        case .noOp: symbol = "   "
        }
        var out = header(c)
        out += "\(symbol) \(r.mode == .data ? "data" : "resource") \"\(r.type)\" \"\(r.name)\" "
        out += ValueDiff.resourceBody(before: c.before, after: c.after, schema: c.schema.block, replace: c.requiresReplace,
                                      showUnchanged: c.importID != nil, forget: c.action == .forget, color: color) + "\n"
        return out
    }

    /// Lines for the attributes of an object (resource or nested), markers at `indent + 2`.
    static func attributeLines(before: [String: Value]?, after: [String: Value]?, indent: Int, topLevel: Bool, isMap: Bool = false) -> String {
        var keys = Set<String>()
        for k in (before ?? [:]).keys { keys.insert(k) }
        for k in (after ?? [:]).keys { keys.insert(k) }
        var rows: [(String, Diff)] = []
        var hidden = 0
        var width = 0
        for key in keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let b = before?[key]
            let a = after?[key]
            let bv: Value? = (b == nil || (topLevel && b!.isNull)) ? nil : b
            let av: Value? = (a == nil || (topLevel && a!.isNull)) ? nil : a
            // Absent on both sides: nothing to say (a null attribute in a schema is no attribute).
            if bv == nil && av == nil { continue }
            let diff = Diff(before: before == nil ? nil : bv, after: after == nil ? nil : av, beforeMissing: before != nil && bv == nil, afterMissing: after != nil && av == nil)
            let name = !isIdentifier(key) ? AddressQuotingBridge.quoted(key) : key
            // Hidden attributes still count for alignment, as in terraform's renderer.
            width = max(width, name.count)
            if diff.isUnchanged && before != nil && after != nil && !(topLevel && importantAttributes.contains(key)) {
                hidden += 1
                continue
            }
            rows.append((name, diff))
        }
        let pad = String(repeating: " ", count: indent + 2)
        var out = ""
        for (name, diff) in rows {
            // Inside a value, terraform writes a removed attribute without the `-> null` of top-level ones.
            let text: String
            if !topLevel, diff.after == nil, let b = diff.before { text = Diff.whole(b, marker: "-", indent: indent + 2) } else { text = diff.render(indent: indent + 2) }
            out += pad + diff.marker + " " + name.padding(toLength: width, withPad: " ", startingAt: 0) + " = " + text + "\n"
        }
        if hidden > 0 {
            let noun = isMap ? (hidden == 1 ? "element" : "elements") : (hidden == 1 ? "attribute" : "attributes")
            out += pad + "  # (\(hidden) unchanged \(noun) hidden)\n"
        }
        return out
    }

    static func isHCLIdentifier(_ s: String) -> Bool { isIdentifier(s) }

    static func isIdentifier(_ s: String) -> Bool {
        guard let f = s.unicodeScalars.first, f.properties.isXIDStart || f == "_" else { return false }
        return s.unicodeScalars.allSatisfy { $0.properties.isXIDContinue || $0 == "-" }
    }
}

enum GoQuoteBridge {
    static func quote(_ s: String) -> String { GoQuote.quote(s) }
}

enum AddressQuotingBridge {
    static func quoted(_ s: String) -> String { AddressQuoting.quoted(s) }
}

/// One value's change: absent/null before or after, and how to print it.
struct Diff {
    var before: Value?
    var after: Value?

    init(before: Value?, after: Value?, beforeMissing: Bool = false, afterMissing: Bool = false) {
        self.before = before
        self.after = after
    }

    var isUnchanged: Bool {
        guard let b = before, let a = after else { return before == nil && after == nil }
        return a.isKnown && b.unmarkedDeep().0.rawEquals(a.unmarkedDeep().0)
    }

    var marker: String {
        switch (before, after) {
        case (nil, _?): return "+"
        case (_?, nil): return "-"
        default: return isUnchanged ? " " : "~"
        }
    }

    /// The text after ` = `, possibly spanning lines; `indent` is where the marker column sits minus 2.
    func render(indent: Int) -> String {
        switch (before, after) {
        case (nil, let a?): return Diff.whole(a, marker: "+", indent: indent)
        case (let b?, nil): return Diff.whole(b, marker: "-", indent: indent) + " -> null"
        case (let b?, let a?):
            if isUnchanged { return Diff.whole(a, marker: " ", indent: indent) }
            // A sensitive side hides the whole change.
            if b.isSensitive || a.isSensitive { return "(sensitive value)" }
            if !a.isKnown { return Diff.whole(b, marker: "-", indent: indent) + " -> (known after apply)" }
            if b.isNull { return Diff.whole(b, marker: "-", indent: indent) + " -> " + Diff.whole(a, marker: "+", indent: indent) }
            if a.isNull { return Diff.whole(b, marker: "-", indent: indent) + " -> null" }
            switch (b.type, a.type) {
            case (.object, .object), (.map, .map), (.object, .map), (.map, .object):
                let isMap = a.type.isMap
                return "{\n" + PlanRenderer.attributeLines(before: b.attributes ?? [:], after: a.attributes ?? [:], indent: indent + 2, topLevel: false, isMap: isMap)
                    + String(repeating: " ", count: indent + 2) + "}"
            case (.list, .list), (.tuple, .tuple), (.set, .set), (.list, .tuple), (.tuple, .list):
                return Diff.sequence(b.elements ?? [], a.elements ?? [], indent: indent)
            default:
                if b.type.isPrimitive && a.type.isPrimitive {
                    return Diff.whole(b, marker: "-", indent: indent) + " -> " + Diff.whole(a, marker: "+", indent: indent)
                }
                return Diff.whole(b, marker: "-", indent: indent) + " -> " + Diff.whole(a, marker: "+", indent: indent)
            }
        case (nil, nil): return "null"
        }
    }

    static func sequence(_ b: [Value], _ a: [Value], indent: Int) -> String {
        let pad = String(repeating: " ", count: indent + 4)
        var out = "[\n"
        if a.count == b.count {
            for (x, y) in zip(b, a) {
                // A null element is no value: null -> x is an addition, as terraform renders it.
                let d = x.isNull && !y.isNull ? Diff(before: nil, after: y) : Diff(before: x, after: y)
                out += pad + d.marker + " " + d.render(indent: indent + 4) + ",\n"
            }
        } else {
            // Common prefix unchanged, then removals and additions.
            var i = 0
            while i < min(a.count, b.count) && Diff(before: b[i], after: a[i]).isUnchanged {
                out += pad + "  " + whole(a[i], marker: " ", indent: indent + 4) + ",\n"
                i += 1
            }
            for x in b[i...] { out += pad + "- " + whole(x, marker: "-", indent: indent + 4) + ",\n" }
            for y in a[i...] { out += pad + "+ " + whole(y, marker: "+", indent: indent + 4) + ",\n" }
        }
        return out + String(repeating: " ", count: indent + 2) + "]"
    }

    /// A whole value, every nested line carrying `marker`.
    static func whole(_ v0: Value, marker: String, indent: Int) -> String {
        let (v, marks) = v0.unmarked()
        if marks.contains(.sensitive) { return "(sensitive value)" }
        if !v.isKnown { return "(known after apply)" }
        if v.isNull { return "null" }
        switch v.content {
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.description
        case .string(let s): return AddressQuoting.quoted(s)
        case .elements(let items):
            if items.isEmpty { return "[]" }
            let pad = String(repeating: " ", count: indent + 4)
            var out = "[\n"
            for item in items { out += pad + marker + " " + whole(item, marker: marker, indent: indent + 4) + ",\n" }
            return out + String(repeating: " ", count: indent + 2) + "]"
        case .attributes(let attrs):
            if attrs.isEmpty { return "{}" }
            let isMap = v.type.isMap
            let keys = attrs.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let names = keys.map { !PlanRenderer.isIdentifier($0) ? AddressQuoting.quoted($0) : $0 }
            let width = names.map(\.count).max() ?? 0
            let pad = String(repeating: " ", count: indent + 4)
            var out = "{\n"
            for (k, name) in zip(keys, names) {
                out += pad + marker + " " + name.padding(toLength: width, withPad: " ", startingAt: 0) + " = " + whole(attrs[k] ?? .dynamicNull, marker: marker, indent: indent + 4) + "\n"
            }
            return out + String(repeating: " ", count: indent + 2) + "}"
        case .unknown, .null, .type: return "null"
        }
    }
}
