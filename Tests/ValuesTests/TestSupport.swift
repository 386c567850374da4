import HCL
@testable import Values

/// Evaluates expression source with the standard functions and no variables.
func eval(_ source: String, variables: [String: Value] = [:]) -> (Value, Diagnostics) {
    let (expr, parseDiags) = Parser.parseExpression(Array(source.utf8), filename: "test.tf")
    if parseDiags.hasErrors { return (.dynamicUnknown, parseDiags) }
    return Evaluator.evaluate(expr, in: EvalContext(variables: variables))
}

/// The console rendering of an expression's value, or "error: <summary>: <detail>".
func show(_ source: String, variables: [String: Value] = [:]) -> String {
    let (v, d) = eval(source, variables: variables)
    if let e = d.items.first(where: { $0.severity == .error }) { return "error: \(e.summary): \(e.detail)" }
    return ConsoleRenderer.render(v)
}

func call(_ name: String, _ args: Value...) throws -> Value {
    guard let f = FunctionTable.standard[name] else { throw FunctionCallError("no function \(name)") }
    return try f.callConverting(args)
}
