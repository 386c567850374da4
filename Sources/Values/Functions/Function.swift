import Foundation

/// One parameter of a function. The flags say which awkward values the
/// implementation is prepared to see; the call machinery handles the rest
/// (null -> "argument must not be null", unknown -> unknown result,
/// marked -> unmarked before the call and marks put back on the result).
public struct FunctionParameter: Sendable {
    public var name: String
    public var type: ValueType
    public var allowNull: Bool
    public var allowUnknown: Bool
    public var allowDynamicType: Bool
    public var allowMarked: Bool

    public init(
        _ name: String, _ type: ValueType,
        allowNull: Bool = false, allowUnknown: Bool = false,
        allowDynamicType: Bool = false, allowMarked: Bool = false
    ) {
        self.name = name
        self.type = type
        self.allowNull = allowNull
        self.allowUnknown = allowUnknown
        self.allowDynamicType = allowDynamicType
        self.allowMarked = allowMarked
    }
}

/// A problem with one argument. The caller reports it as Terraform's
/// "Invalid function argument" with `Invalid value for "<param>" parameter: <message>.`
public struct FunctionArgumentError: Error, Sendable, Equatable {
    /// Zero-based index into the call's arguments (variadic arguments included).
    public var argument: Int
    /// Lower-case sentence without a final period, as cty words them.
    public var message: String
    public init(argument: Int, _ message: String) {
        self.argument = argument
        self.message = message
    }
}

/// A failure not tied to one argument: "Error in function call" with
/// `Call to function "<name>" failed: <message>.`
public struct FunctionCallError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// What an implementation may need beyond its arguments.
public struct FunctionCallContext: Sendable {
    /// The type computed by the function's return-type rule for these arguments.
    public var returnType: ValueType
    /// Directory relative paths are resolved against (filesystem functions).
    public var baseDirectory: String
    /// The table the call came from (for functions that evaluate templates).
    public var functions: FunctionTable

    public init(returnType: ValueType, baseDirectory: String, functions: FunctionTable) {
        self.returnType = returnType
        self.baseDirectory = baseDirectory
        self.functions = functions
    }
}

/// A Terraform built-in function: parameters, a return-type rule and an implementation.
public struct Function: Sendable {
    public typealias ReturnTypeRule = @Sendable (_ args: [Value]) throws -> ValueType
    public typealias Implementation = @Sendable (_ args: [Value], _ context: FunctionCallContext) throws -> Value

    public var parameters: [FunctionParameter]
    public var variadic: FunctionParameter?
    /// Computes the result type from the (converted, unmarked, possibly unknown) arguments.
    /// Throws FunctionArgumentError / FunctionCallError like the implementation.
    public var returnType: ReturnTypeRule
    public var implementation: Implementation

    public init(
        parameters: [FunctionParameter], variadic: FunctionParameter? = nil,
        returnType: @escaping ReturnTypeRule, implementation: @escaping Implementation
    ) {
        self.parameters = parameters
        self.variadic = variadic
        self.returnType = returnType
        self.implementation = implementation
    }

    /// A function with a fixed result type.
    public init(
        parameters: [FunctionParameter], variadic: FunctionParameter? = nil,
        returns type: ValueType, implementation: @escaping Implementation
    ) {
        self.init(parameters: parameters, variadic: variadic, returnType: { _ in type }, implementation: implementation)
    }

    /// The parameter describing argument `i`, or nil when there is none.
    public func parameter(at i: Int) -> FunctionParameter? {
        i < parameters.count ? parameters[i] : variadic
    }

    /// Calls the function with arguments already converted to the parameter
    /// types (see `callConverting` for the full HCL behaviour), applying cty's
    /// rules for null, unknown, dynamic and marked arguments.
    public func call(
        _ args: [Value], baseDirectory: String = ".", functions: FunctionTable = .standard
    ) throws -> Value {
        if variadic == nil && args.count != parameters.count || args.count < parameters.count {
            throw FunctionCallError("wrong number of arguments (\(variadic == nil ? "" : "at least ")\(parameters.count) required; \(args.count) given)")
        }
        var typeArgs = args
        var dynamicArgs = false
        for (i, a) in args.enumerated() {
            guard let p = parameter(at: i) else { continue }
            if a.containsMarks && !p.allowMarked { typeArgs[i] = a.unmarkedDeep().0 }
            if a.isNull && !p.allowNull { throw FunctionArgumentError(argument: i, "argument must not be null") }
            if a.type == .dynamic {
                if !p.allowDynamicType { dynamicArgs = true }
            } else if let problem = Conversion.conformanceProblem(a.type, to: p.type) {
                throw FunctionArgumentError(argument: i, problem)
            }
        }
        let expected = dynamicArgs ? ValueType.dynamic : try returnType(typeArgs)

        var callArgs = args
        var resultMarks = Set<ValueMark>()
        var returnUnknown = dynamicArgs
        for (i, a) in args.enumerated() {
            guard let p = parameter(at: i) else { continue }
            if !p.allowMarked {
                let (u, m) = a.unmarkedDeep()
                if !m.isEmpty { callArgs[i] = u; resultMarks.formUnion(m) }
            }
            if !a.isKnown && !p.allowUnknown { returnUnknown = true }
        }
        if returnUnknown { return Value.unknown(expected).marked(with: resultMarks) }
        let context = FunctionCallContext(returnType: expected, baseDirectory: baseDirectory, functions: functions)
        return try implementation(callArgs, context).marked(with: resultMarks)
    }

    /// Converts each argument to its parameter's type first, as HCL does before
    /// calling; conversion failures are argument errors.
    public func callConverting(
        _ args: [Value], baseDirectory: String = ".", functions: FunctionTable = .standard
    ) throws -> Value {
        var converted = args
        for (i, a) in args.enumerated() {
            guard let p = parameter(at: i) else { continue }
            do {
                converted[i] = try Conversion.convert(a, to: p.type)
            } catch let e as ConversionError {
                throw FunctionArgumentError(argument: i, e.message)
            }
        }
        return try call(converted, baseDirectory: baseDirectory, functions: functions)
    }
}

/// The functions available to expressions, keyed by name (including
/// namespaced names such as `provider::terraform::encode_tfvars`).
public struct FunctionTable: Sendable {
    public var functions: [String: Function]

    public init(_ functions: [String: Function]) { self.functions = functions }

    /// Merges families; a later family wins on a name clash.
    public init(families: [[String: Function]]) {
        var all: [String: Function] = [:]
        for f in families { all.merge(f) { _, new in new } }
        self.functions = all
    }

    public subscript(name: String) -> Function? { functions[name] }

    public var names: [String] { functions.keys.sorted() }

    /// Every Terraform built-in.
    public static let standard = FunctionTable(families: [
        numericFamily, collectionFamily, conversionFamily, terraformProviderFamily,
        stringFamily, encodingFamily, filesystemFamily, dateTimeFamily, cryptoFamily, networkFamily,
    ])
}
