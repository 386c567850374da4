import Config
import Values

/// A resource attribute the plan's changes depend on (terraform's
/// `relevant_attributes`): drift outside these is not shown by a normal plan.
public struct RelevantAttribute: Sendable, Equatable {
    /// The instance address as the reference names it (`local_file.a`, `local_file.b[0]`).
    public var resource: String
    /// Empty when the whole object is referred to.
    public var path: AttributePath

    public init(resource: String, path: AttributePath) {
        self.resource = resource
        self.path = path
    }
}

/// terraform's "Objects have changed outside of Terraform" section, printed
/// before the planned actions. A refresh-only plan shows every drifted object
/// (moves included); a normal plan shows only objects some change depends on,
/// with the attributes nothing depends on shown as unchanged, and nothing at
/// all when the plan has no changes.
extension PlanRenderer {
    /// The whole plan text with the drift section first, as terraform composes it.
    public static func render(_ plan: Plan, relevant: [RelevantAttribute], errored: Bool = false, color: Bool = false) -> String {
        let shown = shownDrift(plan, relevant: relevant)
        let body = render(plan, errored: errored, color: color)
        guard !shown.isEmpty else { return body }
        var out = driftSection(shown, refreshOnly: plan.isRefreshOnly)
        // A refresh-only plan without output changes says nothing more.
        if plan.isRefreshOnly && !plan.hasOutputChanges && !plan.hasResourceChanges { return out }
        out += "\n" + horizontalRule + "\n"
        return out + body
    }

    static let horizontalRule = String(repeating: "─", count: 77)

    static func driftSection(_ drift: [PlannedChange], refreshOnly: Bool) -> String {
        var out = "\nNote: Objects have changed outside of Terraform\n\n"
        out += "Terraform detected the following changes made outside of Terraform since the\nlast \"terraform apply\" which may have affected this plan:\n"
        for c in drift { out += "\n" + driftBlock(c) }
        if refreshOnly {
            out += "\n\nThis is a refresh-only plan, so Terraform will not take any actions to undo\nthese. If you were expecting these changes then you can apply this plan to\nrecord the updated values in the Terraform state without changing any remote\nobjects.\n"
        } else {
            out += "\n\nUnless you have made equivalent changes to your configuration, or ignored the\nrelevant attributes using ignore_changes, the following plan may include\nactions to undo or respond to these changes.\n"
        }
        return out
    }

    /// One drifted object: terraform's drift header, then the object as a planned change of the same action renders it.
    static func driftBlock(_ c: PlannedChange) -> String {
        let addr = c.address.description
        var head: String
        switch c.action {
        case .delete: head = "  # \(addr) has been deleted\n"
        case .noOp:
            head = c.previousAddress.map { "  # \($0) has moved to \(addr)\n" } ?? ""
        default: head = "  # \(addr) has changed\n"
        }
        if let from = c.previousAddress, c.action != .noOp { head += "  # (moved from \(from))\n" }
        var plain = c
        plain.previousAddress = nil
        plain.importID = nil
        plain.reason = nil
        let block = resourceBlock(plain)
        let ownHeader = header(plain)
        return head + (block.hasPrefix(ownHeader) ? String(block.dropFirst(ownHeader.count)) : block)
    }

    /// The drift entries terraform would show for this plan, filtered to the relevant attributes.
    public static func shownDrift(_ plan: Plan, relevant: [RelevantAttribute]) -> [PlannedChange] {
        if plan.isRefreshOnly { return plan.drift }
        let hasDiffs = plan.changes.contains { $0.action != .noOp || $0.previousAddress != nil }
            || plan.hasOutputChanges
        guard hasDiffs else { return [] }
        var out: [PlannedChange] = []
        for d in plan.drift where d.action != .noOp {
            let paths = relevant.filter { $0.resource == d.address.description }.map(\.path)
            if paths.isEmpty { continue }
            if paths.contains(where: { $0.steps.isEmpty }) {
                out.append(d)
                continue
            }
            var names = Set<String>()
            for p in paths {
                if case .attribute(let n)? = p.steps.first { names.insert(n) }
            }
            guard let filtered = filteredAfter(d, relevant: names) else { continue }
            var shown = d
            shown.after = filtered
            // Nothing relevant changed: an update drift has nothing to show.
            if d.action == .update && filtered.unmarkedDeep().0.rawEquals(d.before.unmarkedDeep().0) { continue }
            out.append(shown)
        }
        return out
    }

    /// The object after the drift with every attribute outside `relevant` as it was before.
    static func filteredAfter(_ d: PlannedChange, relevant: Set<String>) -> Value? {
        guard let before = d.before.attributes else { return nil }
        let after = d.after.isNull ? nil : d.after.attributes
        var attrs: [String: Value] = [:]
        for (name, b) in before {
            if relevant.contains(name) {
                attrs[name] = after?[name] ?? .null(b.type)
            } else {
                attrs[name] = b
            }
        }
        return Value(type: d.before.type, content: .attributes(attrs))
    }
}
