import HCL

/// Everything an expression can see: variables (a tree of values keyed by
/// root name: `var`, `local`, `each`, `count`, `path`, `terraform`, resource
/// types, ...), the function table, and the directory file functions use.
public struct EvalContext: Sendable {
    /// Resolves a reference the way a Terraform scope does. Return nil to fall
    /// back to plain HCL variables; return diagnostics for Terraform's own
    /// messages ("Reference to undeclared input variable", ...).
    public typealias ReferenceResolver = @Sendable (_ traversal: Traversal) -> (Value, [Diagnostic])?

    public var variables: [String: Value]
    public var functions: FunctionTable
    public var baseDirectory: String
    public var resolveReference: ReferenceResolver?
    /// Nesting limit so pathological input produces a diagnostic, not a stack overflow.
    public var maxDepth: Int

    public init(
        variables: [String: Value] = [:], functions: FunctionTable = .standard,
        baseDirectory: String = ".", resolveReference: ReferenceResolver? = nil, maxDepth: Int = 500
    ) {
        self.variables = variables
        self.functions = functions
        self.baseDirectory = baseDirectory
        self.resolveReference = resolveReference
        self.maxDepth = maxDepth
    }

    /// A child scope with extra (shadowing) variables, as `for` expressions create.
    public func with(_ extra: [String: Value]) -> EvalContext {
        var c = self
        for (k, v) in extra { c.variables[k] = v }
        return c
    }
}
