import Config
import Foundation
import HCL
import Values

/// `validation` blocks of input variables, checked while the walk sets each
/// variable (root and child module instances alike), as terraform checks them
/// in every walk but the apply of a destroy.
extension Engine {
    /// Checks one variable instance's value against its declaration's rules.
    /// `valueRange` is where the value was defined: a tfvars expression or a
    /// module call argument, else the declaration itself.
    /// Returns false when a rule failed or could not be evaluated (the walk then skips what depends on the variable).
    @discardableResult
    func validateVariable(_ decl: VariableDecl, valueRange: SourceRange, scope: EvaluationScope,
                          configAddr: String, objectAddr: String, _ diags: inout Diagnostics) -> Bool {
        guard !decl.validations.isEmpty else { return true }
        // The scope already holds this instance's value as `var.NAME`.
        let ctx = scope.context()
        var status = "pass"
        var messages: [String] = []
        for rule in decl.validations {
            let ruleStatus = validationRule(rule, ctx, valueRange: valueRange, &messages, &diags)
            let rank = ["pass": 0, "unknown": 1, "error": 2, "fail": 3]
            if (rank[ruleStatus] ?? 0) > (rank[status] ?? 0) { status = ruleStatus }
        }
        recordCheck(CheckObject(kind: "var", configAddr: configAddr, objectAddr: objectAddr, replace: true), status: status, messages: messages)
        if status == "fail" || status == "error" {
            walkFailed = true
            return false
        }
        return true
    }

    /// One rule: its status (pass, unknown, error or fail) and terraform's diagnostics.
    private func validationRule(_ rule: CheckRule, _ ctx: EvalContext, valueRange: SourceRange,
                                _ messages: inout [String], _ diags: inout Diagnostics) -> String {
        guard let cond = rule.condition else { return "pass" }
        let (raw, ds) = Evaluator.evaluate(cond, in: ctx)
        diags += ds
        var messageValue: Value?
        var messageDiags = Diagnostics()
        if let m = rule.errorMessage {
            let (mv, mds) = Evaluator.evaluate(m, in: ctx)
            messageValue = mv
            messageDiags = mds
            diags += mds
        }
        if ds.hasErrors { return "error" }
        let (plain, _) = raw.unmarkedDeep()
        if !plain.isKnown { return "unknown" }
        let invalid = "Invalid variable validation result"
        if plain.isNull {
            diags += Diagnostic(.error, summary: invalid, detail: "Validation condition expression must return either true or false, not null.",
                                subject: cond.range, expressionValues: Engine.expressionValues(cond, ctx))
            return "error"
        }
        guard let passed = (try? Conversion.convert(plain, to: .bool))?.boolValue else {
            diags += Diagnostic(.error, summary: invalid, detail: "Invalid validation condition result value: a bool is required.",
                                subject: cond.range, expressionValues: Engine.expressionValues(cond, ctx))
            return "error"
        }
        if passed { return "pass" }

        var message = ""
        if let m = rule.errorMessage, let mv = messageValue, !messageDiags.hasErrors {
            let (mplain, marks) = mv.unmarkedDeep()
            if !mplain.isKnown {
                diags += .error("Invalid error message",
                                "Unsuitable value for error message: expression refers to values that won't be known until the apply phase.",
                                subject: m.range)
                return "error"
            }
            if !mplain.isNull {
                if let s = (try? Conversion.convert(mplain, to: .string))?.stringValue {
                    if marks.contains(.sensitive) {
                        diags += .error("Error message refers to sensitive values",
                                        "The error expression used to explain this condition refers to sensitive values. Terraform will not display the resulting message.\n\nYou can correct this by removing references to sensitive values, or by carefully using the nonsensitive() function if the expression will not reveal the sensitive data.",
                                        subject: m.range)
                        message = "The error message included a sensitive value, so it will not be displayed."
                    } else {
                        message = s.trimmingCharacters(in: .whitespacesAndNewlines)
                    }
                } else {
                    diags += .error("Invalid error message", "Unsuitable value for error message: string required.", subject: m.range)
                }
            }
        }
        if message.isEmpty { message = "Failed to evaluate condition error message." }
        messages.append(message)
        diags += Diagnostic(.error, summary: "Invalid value for variable",
                            detail: "\(message)\n\nThis was checked by the validation rule at \(rangeText(rule.declRange)).",
                            subject: valueRange, expressionValues: Engine.expressionValues(cond, ctx))
        return "fail"
    }
}
