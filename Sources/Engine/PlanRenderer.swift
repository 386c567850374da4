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
            return header(plain) + "  # (imported from \(GoQuote.quote(id)))\n"
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

    static func isHCLIdentifier(_ s: String) -> Bool { isIdentifier(s) }

    static func isIdentifier(_ s: String) -> Bool {
        guard let f = s.unicodeScalars.first, f.properties.isXIDStart || f == "_" else { return false }
        return s.unicodeScalars.allSatisfy { $0.properties.isXIDContinue || $0 == "-" }
    }
}
