import Config
import HCL
import State
import Values

/// Custom conditions: resource preconditions and postconditions, output
/// preconditions (errors) and check block assertions (warnings), with the
/// values of the condition's references listed under the snippet as
/// terraform lists them.
extension Engine {
    enum ConditionKind: String {
        case resourcePrecondition = "Resource precondition"
        case resourcePostcondition = "Resource postcondition"
        case outputPrecondition = "Module output value precondition"
        case checkAssertion = "Check block assertion"
    }

    /// Evaluates rules; failures are errors, or warnings for check assertions.
    /// A condition not known yet is left for apply (a check assertion warns).
    /// The checkable object conditions belong to, as check results in state name it.
    struct CheckObject {
        var kind: String
        var configAddr: String
        var objectAddr: String
        /// Replaces an earlier status of the object (apply) instead of combining with it (pre- and postconditions while planning).
        var replace = false
    }

    func checkConditions(_ rules: [CheckRule], _ kind: ConditionKind, _ ctx: EvalContext, address: String?, object: CheckObject? = nil,
                         _ diags: inout Diagnostics) {
        var status = "pass"
        var messages: [String] = []
        defer {
            if let object, !rules.isEmpty { recordCheck(object, status: status, messages: messages) }
        }
        for rule in rules {
            guard let cond = rule.condition else { continue }
            let (raw, ds) = Evaluator.evaluate(cond, in: ctx)
            diags += ds
            if ds.hasErrors { status = "error"; continue }
            let (v, _) = raw.unmarkedDeep()
            if !v.isKnown {
                if status == "pass" { status = "unknown" }
                if kind == .checkAssertion {
                    diags += Diagnostic(.warning, summary: "\(kind.rawValue) known after apply",
                                        detail: "The condition could not be evaluated at this time, a result will be known when this plan is applied.",
                                        subject: cond.range, expressionValues: Engine.expressionValues(cond, ctx))
                }
                continue
            }
            if v.isNull {
                diags += .error("Invalid condition result", "Condition expression must return either true or false, not null.", subject: cond.range)
                continue
            }
            guard let b = (try? Conversion.convert(v, to: .bool))?.boolValue else {
                diags += .error("Invalid condition result", "Invalid condition result value: a bool is required.", subject: cond.range)
                continue
            }
            if b { continue }
            status = "fail"
            var message = ""
            if let m = rule.errorMessage {
                let (mv, mds) = Evaluator.evaluate(m, in: ctx)
                diags += mds
                let (plain, marks) = mv.unmarkedDeep()
                if marks.contains(.sensitive) {
                    diags += .error("Error message refers to sensitive values",
                                    "The error expression used to explain this condition refers to sensitive values, so Terraform will not display the resulting message.\n\nYou can correct this by removing references to sensitive values, or by carefully using the nonsensitive() function if the expression will not reveal the sensitive data.",
                                    subject: m.range)
                } else if let s = (try? Conversion.convert(plain, to: .string))?.stringValue {
                    message = s
                }
            }
            if !message.isEmpty { messages.append(message) }
            if message.isEmpty { message = "This check failed, but has an invalid error message as described in the other accompanying messages." }
            diags += Diagnostic(kind == .checkAssertion ? .warning : .error, summary: "\(kind.rawValue) failed", detail: message, subject: cond.range,
                                expressionValues: Engine.expressionValues(cond, ctx))
            if kind != .checkAssertion { walkFailed = true }
        }
    }

    /// Check block assertions of every module instance, after a walk (warnings).
    func runChecks(_ state: WalkState, _ diags: inout Diagnostics) {
        for (path, node) in trees.sorted(by: { $0.key.count < $1.key.count || ($0.key.count == $1.key.count && $0.key.lexicographicallyPrecedes($1.key)) }) {
            guard !node.module.checks.isEmpty else { continue }
            for mi in state.instances[path] ?? [] {
                guard let scope = state.scopes[mi] else { continue }
                for name in node.module.checks.keys.sorted() {
                    guard let check = node.module.checks[name] else { continue }
                    let addr = (mi.isRoot ? "" : mi.description + ".") + "check.\(name)"
                    let config = path.map { "module.\($0)." }.joined() + "check.\(name)"
                    checkConditions(check.asserts, .checkAssertion, scope.context(), address: nil,
                                    object: CheckObject(kind: "check", configAddr: config, objectAddr: addr, replace: true), &diags)
                }
            }
        }
    }

    func recordCheck(_ object: CheckObject, status: String, messages: [String]) {
        var entry = checkRecords[object.configAddr] ?? (kind: object.kind, objects: [:])
        if !object.replace, let old = entry.objects[object.objectAddr] {
            let rank = ["pass": 0, "unknown": 1, "error": 2, "fail": 3]
            let merged = (rank[old.status] ?? 0) >= (rank[status] ?? 0) ? old.status : status
            entry.objects[object.objectAddr] = (merged, old.messages + messages)
        } else {
            entry.objects[object.objectAddr] = (status, messages)
        }
        checkRecords[object.configAddr] = entry
    }

    /// Check results as terraform records them in state; nil when nothing has conditions.
    func checkResults() -> [CheckResult]? {
        if checkRecords.isEmpty { return nil }
        return checkRecords.keys.sorted(by: StateValueCodec.byteOrder).compactMap { config in
            guard let entry = checkRecords[config] else { return nil }
            let objects = entry.objects.keys.sorted(by: StateValueCodec.byteOrder).map { addr -> CheckObjectResult in
                let o = entry.objects[addr] ?? ("unknown", [])
                return CheckObjectResult(objectAddr: addr, status: o.status, failureMessages: o.messages)
            }
            let statuses = Set(objects.map(\.status))
            let status = statuses.contains("fail") ? "fail" : statuses.contains("error") ? "error" : statuses.contains("unknown") ? "unknown" : "pass"
            return CheckResult(objectKind: entry.kind, configAddr: config, status: status, objects: objects)
        }
    }

    func loadCheckResults(_ results: [CheckResult]) {
        checkRecords = [:]
        for r in results {
            var objects: [String: (status: String, messages: [String])] = [:]
            for o in r.objects { objects[o.objectAddr] = (o.status, o.failureMessages) }
            checkRecords[r.configAddr] = (r.objectKind, objects)
        }
    }

    /// `var.x is 3` lines for the references in an expression (a value not known yet of
    /// unknown type is always mentioned in condition diagnostics).
    /// `causedByUnknown`: the error is about unknown values, so terraform says which are known only after apply.
    static func expressionValues(_ expr: Expression, _ ctx: EvalContext, causedByUnknown: Bool = false) -> [Diagnostic.ExpressionValue] {
        DiagnosticValues.describe(expr, ctx, causedByUnknown: causedByUnknown, dynamicUnknownAlways: true)
    }
}
