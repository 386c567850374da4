import Values

/// The planning rules of terraform-plugin-framework, which the hashicorp
/// providers (random, local, null) are written with, so native providers plan
/// exactly as those do: defaults for unset optional+computed attributes,
/// computed attributes unknown when anything changes, `UseStateForUnknown`,
/// and the `RequiresReplace` family of plan modifiers.
public struct FrameworkAttributeRules: Sendable {
    public enum Replace: Sendable {
        case never
        /// `RequiresReplace()`: any change of the planned value.
        case always
        /// random/null's `RequiresReplaceIfValuesNotNull` for maps (`keepers`, `triggers`):
        /// a change that only adds keys with null values does not replace.
        case ifMapValuesNotNull
        /// random's `RequiresReplaceUnlessEmptyStringToNull` (`override_special`).
        case unlessEmptyStringToNull
    }

    public var defaultValue: Value?
    public var replace: Replace
    public var useStateForUnknown: Bool

    public init(default defaultValue: Value? = nil, replace: Replace = .never, useStateForUnknown: Bool = false) {
        self.defaultValue = defaultValue
        self.replace = replace
        self.useStateForUnknown = useStateForUnknown
    }

    public static let replaces = FrameworkAttributeRules(replace: .always)
    public static let keepers = FrameworkAttributeRules(replace: .ifMapValuesNotNull)
    public static let stateForUnknown = FrameworkAttributeRules(useStateForUnknown: true)
}

public enum FrameworkPlanning {
    /// Plans one resource change as the framework's PlanResourceChange does. `modify`
    /// runs where attribute-specific plan modifiers run (after defaults and unknown
    /// marking, before the replace checks) and may add diagnostics.
    public static func plan(_ request: ProviderMessages.PlanResourceChangeRequest, block: SchemaBlock,
                            rules: [String: FrameworkAttributeRules],
                            modify: ((inout [String: Value], [String: Value]) -> [ProviderDiagnostic])? = nil)
        -> ProviderMessages.PlanResourceChangeResponse {
        let proposed = request.proposedNewState
        guard !proposed.isNull, var planned = proposed.attributes else {
            return ProviderMessages.PlanResourceChangeResponse(plannedState: proposed)
        }
        let config = request.config.attributes ?? [:]
        let prior = request.priorState.isNull ? nil : request.priorState.attributes
        for (name, r) in rules {
            guard let d = r.defaultValue else { continue }
            if config[name]?.isNull ?? true { planned[name] = d }
        }
        let type = block.impliedType
        if prior == nil || !Value(type: type, content: .attributes(planned)).rawEquals(request.priorState) {
            for (name, a) in block.attributes where a.computed && rules[name]?.defaultValue == nil {
                if config[name]?.isNull ?? true { planned[name] = .unknown(a.type) }
            }
        }
        var diags: [ProviderDiagnostic] = []
        if let modify { diags += modify(&planned, config) }
        var replace: [AttributePath] = []
        for name in block.sortedAttributeNames {
            guard let r = rules[name] else { continue }
            let pv = planned[name] ?? .dynamicNull
            if r.useStateForUnknown, let prior, let sv = prior[name], !sv.isNull, !pv.isKnown, config[name]?.isKnown ?? true {
                planned[name] = sv
            }
            guard let prior else { continue }
            let sv = prior[name] ?? .dynamicNull
            let now = planned[name] ?? .dynamicNull
            if now.rawEquals(sv) { continue }
            switch r.replace {
            case .never: break
            case .always: replace.append(.attribute(name))
            case .ifMapValuesNotNull:
                if mapChangeNeedsReplace(config: config[name] ?? .dynamicNull, state: sv) { replace.append(.attribute(name)) }
            case .unlessEmptyStringToNull:
                let cv = config[name] ?? .dynamicNull
                if !cv.isKnown { break }
                if !cv.isNull || sv.isNull || (sv.stringValue ?? "") != "" { replace.append(.attribute(name)) }
            }
        }
        var resp = ProviderMessages.PlanResourceChangeResponse(plannedState: Value(type: type, content: .attributes(planned)),
                                                               requiresReplace: replace, diagnostics: diags)
        if diags.hasErrors { resp.plannedState = proposed }
        return resp
    }

    static func mapChangeNeedsReplace(config: Value, state: Value) -> Bool {
        if config.rawEquals(state) { return false }
        if !config.isKnown { return true }
        let configElems = config.isNull ? [:] : (config.attributes ?? [:])
        if state.isNull {
            return configElems.values.contains { !$0.isNull }
        }
        let stateElems = state.attributes ?? [:]
        for (k, v) in configElems {
            if stateElems[k] == nil && v.isNull { continue }
            if let s = stateElems[k], s.rawEquals(v) { continue }
            return true
        }
        for k in stateElems.keys where configElems[k] == nil { return true }
        return false
    }

    /// A whole-number attribute as Int64, or a diagnostic when it is not one
    /// (the framework refuses fractional and out-of-range values for Int64 attributes).
    public static func int64(_ v: Value?, _ name: String) -> (Int64?, [ProviderDiagnostic]) {
        guard let v, v.isKnown, !v.isNull, let n = v.numberValue else { return (nil, []) }
        if n.isInteger, let b = n.truncatedInteger, let i = Int64(exactly: b) { return (i, []) }
        return (nil, [.error("Value Conversion Error",
                             "An unexpected error was encountered trying to convert the Terraform value to an Int64. This is always an error in the provider. Please report the following to the provider developer:\n\nValue \(n) cannot be represented as a 64-bit integer.",
                             attribute: .attribute(name))])
    }
}

extension SchemaBlock {
    /// A flat block from `(name, type, flags)` rows; flags are letters of
    /// `r`equired, `o`ptional, `c`omputed, `s`ensitive.
    public static func flat(_ rows: [(String, ValueType, String)]) -> SchemaBlock {
        var attrs: [String: SchemaAttribute] = [:]
        for (name, type, flags) in rows {
            attrs[name] = SchemaAttribute(type, required: flags.contains("r"), optional: flags.contains("o"),
                                          computed: flags.contains("c"), sensitive: flags.contains("s"))
        }
        return SchemaBlock(attributes: attrs)
    }

    /// An object of this block's type from the given attributes, the rest null.
    public func object(_ values: [String: Value]) -> Value {
        var attrs: [String: Value] = [:]
        for (name, a) in attributes { attrs[name] = values[name] ?? .null(a.type) }
        return Value(type: impliedType, content: .attributes(attrs))
    }
}

extension ProviderDiagnostic {
    /// The framework's answer for resources without ImportState.
    public static let importNotImplemented = ProviderDiagnostic.error(
        "Resource Import Not Implemented",
        "This resource does not support import. Please contact the provider developer for additional information.")
}

extension SchemaBlock {
    /// The value with every attribute the schema declares sensitive marked so, null
    /// or not — what terraform 1.11 does to planned, applied and read values
    /// (`configschema.Block.SensitivePaths`), so plans hide them and state lists
    /// them in `sensitive_attributes`.
    public func markingSensitive(_ v: Value) -> Value {
        guard !v.isNull, v.isKnown, var attrs = v.attributes else { return v }
        var changed = false
        for (name, a) in attributes where a.sensitive {
            guard let item = attrs[name] else { continue }
            attrs[name] = item.marked(.sensitive)
            changed = true
        }
        return changed ? Value(type: v.type, content: .attributes(attrs), marks: v.marks) : v
    }
}
