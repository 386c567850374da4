import Config
import Foundation
import HCL
import JSON
import State
import Values

public struct PlanFileError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A plan saved by `plan -out=FILE`: everything `apply FILE` and `show FILE`
/// need without planning again. Terraform's own plan file is a zip holding a
/// protobuf; terraswift's is a JSON document of its own (terraform cannot read
/// it, nor terraswift terraform's), holding the prior state snapshot as it was
/// read, every change with before/after (unknowns and sensitive paths kept),
/// the variable values, and the root module's configuration files so a plan
/// is refused where the configuration differs.
public struct SavedPlan: Sendable {
    public static let formatName = "terraswift-plan"
    public static let formatVersion = 1

    public var plan: Plan
    public var variables: [String: Value]
    /// The variables the caller set (not defaults): the only ones apply may be given again.
    public var setVariables: Set<String> = []
    /// Root module configuration files (name -> text) the plan was made from.
    public var configFiles: [String: String]
    /// RFC 3339, UTC, seconds (terraform's plan timestamp).
    public var timestamp: String
    public var errored: Bool

    public init(plan: Plan, variables: [String: Value], configFiles: [String: String], timestamp: String = SavedPlan.now(), errored: Bool = false) {
        self.plan = plan
        self.variables = variables
        self.configFiles = configFiles
        self.timestamp = timestamp
        self.errored = errored
    }

    public static func now() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        return f.string(from: Date())
    }

    /// terraform: a plan is applyable when it has changes to make and did not error.
    public var applyable: Bool { !errored && plan.hasChanges }

    /// The configuration files of a loaded tree (those under the root directory), as kept in a plan.
    public static func configSnapshot(_ sources: SourceFiles, rootDirectory: String) -> [String: String] {
        var out: [String: String] = [:]
        for (name, entry) in sources.files {
            out[name] = String(decoding: entry.bytes, as: UTF8.self)
        }
        return out
    }

    // MARK: Writing

    public func bytes() -> [UInt8] {
        var members: [JSONMember] = [
            JSONMember(key: "format", value: .string(SavedPlan.formatName)),
            JSONMember(key: "format_version", value: .number(SavedPlan.formatVersion)),
            JSONMember(key: "terraform_version", value: .string(StateFile.currentTerraformVersion)),
            JSONMember(key: "timestamp", value: .string(timestamp)),
            JSONMember(key: "destroy", value: .bool(plan.isDestroy)),
            JSONMember(key: "errored", value: .bool(errored)),
        ]
        members.append(JSONMember(key: "variables", value: .object(variables.keys.sorted(by: StateValueCodec.byteOrder).map {
            JSONMember(key: $0, value: PlanValueCodec.encode(variables[$0] ?? .dynamicNull))
        })))
        members.append(JSONMember(key: "variables_set", value: .array(setVariables.sorted(by: StateValueCodec.byteOrder).map { .string($0) })))
        members.append(JSONMember(key: "configuration_files", value: .object(configFiles.keys.sorted(by: StateValueCodec.byteOrder).map {
            JSONMember(key: $0, value: .string(configFiles[$0] ?? ""))
        })))
        members.append(JSONMember(key: "prior_state", value: plan.priorState.map { .string(StateFileWriter.string($0)) } ?? .null))
        members.append(JSONMember(key: "resource_changes", value: .array(plan.changes.map(SavedPlan.encodeChange))))
        members.append(JSONMember(key: "read_data", value: .array(plan.readData.map(SavedPlan.encodeChange))))
        members.append(JSONMember(key: "resource_drift", value: .array(plan.drift.map(SavedPlan.encodeChange))))
        members.append(JSONMember(key: "refresh_only", value: .bool(plan.isRefreshOnly)))
        if let checks = plan.checkResults {
            members.append(JSONMember(key: "check_results", value: .array(checks.map(StateFileWriter.checkJSON))))
        }
        members.append(JSONMember(key: "output_changes", value: .array(plan.outputChanges.map { o in
            .object([
                JSONMember(key: "name", value: .string(o.name)),
                JSONMember(key: "action", value: .string(o.action.rawValue)),
                JSONMember(key: "sensitive", value: .bool(o.sensitive)),
                JSONMember(key: "before", value: PlanValueCodec.encode(o.before)),
                JSONMember(key: "after", value: PlanValueCodec.encode(o.after)),
            ])
        })))
        return JSONWriter(indent: "  ").bytes(.object(members)) + [0x0A]
    }

    static func encodeChange(_ c: PlannedChange) -> JSONValue {
        var m: [JSONMember] = [
            JSONMember(key: "address", value: .string(c.address.description)),
            JSONMember(key: "action", value: .string(c.action.rawValue)),
        ]
        if let prev = c.previousAddress { m.append(JSONMember(key: "previous_address", value: .string(prev.description))) }
        if let r = c.reason { m.append(JSONMember(key: "reason", value: .string(SavedPlan.reasonName(r)))) }
        m.append(JSONMember(key: "provider", value: .string(c.providerAddress)))
        m.append(JSONMember(key: "provider_source", value: .string(c.providerSource)))
        m.append(JSONMember(key: "requires_replace", value: .array(c.requiresReplace.map(SavedPlan.pathJSON))))
        m.append(JSONMember(key: "before", value: PlanValueCodec.encode(c.before)))
        m.append(JSONMember(key: "after", value: PlanValueCodec.encode(c.after)))
        return .object(m)
    }

    public static func pathJSON(_ p: AttributePath) -> JSONValue {
        .array(p.steps.map { step -> JSONValue in
            switch step {
            case .attribute(let n), .key(let n): return .string(n)
            case .index(let i): return .number(i)
            }
        })
    }

    static let reasons: [(ChangeReason, String)] = [
        (.countIndexOutOfRange, "count_index"), (.eachKeyNotFound, "each_key"), (.noResourceConfig, "no_resource_config"),
        (.noCountExpected, "no_count_expected"), (.countExpected, "count_expected"),
        (.noForEachExpected, "no_for_each_expected"), (.forEachExpected, "for_each_expected"), (.noModule, "no_module"),
        (.readBecauseConfigUnknown, "read_because_config_unknown"), (.readBecauseDependencyPending, "read_because_dependency_pending"),
        (.replaceByRequest, "replace_by_request"), (.replaceByTriggers, "replace_by_triggers"),
        (.replaceBecauseTainted, "replace_because_tainted"),
    ]

    static func reasonName(_ r: ChangeReason) -> String { reasons.first { $0.0 == r }?.1 ?? "" }

    // MARK: Reading

    /// Whether `bytes` look like a terraswift plan (and not a state snapshot).
    public static func isPlanFile(_ bytes: [UInt8]) -> Bool {
        guard bytes.count < 1 << 31, let j = try? JSON.parse(bytes) else { return false }
        return j["format"]?.stringValue == formatName
    }

    /// Reads a saved plan; schemas come from `registry` by each change's provider.
    public static func read(_ bytes: [UInt8], registry: ProviderRegistry) -> Result<SavedPlan, PlanFileError> {
        let root: JSONValue
        do { root = try JSON.parse(bytes) } catch { return .failure(PlanFileError("the file is not a saved plan: \(error)")) }
        guard root["format"]?.stringValue == formatName else { return .failure(PlanFileError("the file is not a terraswift saved plan")) }
        guard root["format_version"]?.intValue == formatVersion else {
            return .failure(PlanFileError("the plan file format version \(root["format_version"]?.numberText ?? "?") is not supported by this build"))
        }
        var prior: StateFile?
        if let text = root["prior_state"]?.stringValue {
            switch StateFileReader.read(Array(text.utf8)) {
            case .state(let s): prior = s
            case .noState: prior = nil
            case .failed: return .failure(PlanFileError("the prior state snapshot in the plan file cannot be read"))
            }
        }
        var schemas: [String: ProviderSchemaResponse] = [:]
        var changes: [PlannedChange] = []
        var readData: [PlannedChange] = []
        var drift: [PlannedChange] = []
        // Data sources read while planning are kept too: applying the plan stores those results without reading again.
        for key in ["resource_changes", "read_data", "resource_drift"] { for cj in root[key]?.arrayValue ?? [] {
            guard let addrText = cj["address"]?.stringValue, let addr = instanceAddress(addrText),
                  let action = cj["action"]?.stringValue.flatMap(ChangeAction.init(rawValue:)),
                  let source = cj["provider_source"]?.stringValue, let providerAddr = cj["provider"]?.stringValue else {
                return .failure(PlanFileError("a resource change in the plan file is malformed"))
            }
            if schemas[source] == nil {
                guard let p = registry.provider(for: source) else { return .failure(PlanFileError("the plan needs provider \(source), which this build does not carry")) }
                schemas[source] = p.schema()
            }
            let schemaSet = addr.resource.resource.mode == .data ? schemas[source]?.dataSources : schemas[source]?.resources
            guard let rschema = schemaSet?[addr.resource.resource.type] else {
                return .failure(PlanFileError("provider \(source) has no resource type \(addr.resource.resource.type)"))
            }
            guard let before = cj["before"].flatMap(PlanValueCodec.decode), let after = cj["after"].flatMap(PlanValueCodec.decode) else {
                return .failure(PlanFileError("the values planned for \(addrText) cannot be read"))
            }
            var replace: [AttributePath] = []
            for p in cj["requires_replace"]?.arrayValue ?? [] {
                replace.append(AttributePath((p.arrayValue ?? []).map { s -> AttributePath.Step in
                    if let i = s.intValue, s.stringValue == nil { return .index(i) }
                    return .attribute(s.stringValue ?? "")
                }))
            }
            let reason = cj["reason"]?.stringValue.flatMap { name in reasons.first { $0.1 == name }?.0 }
            var change = PlannedChange(address: addr, action: action, before: before, after: after, requiresReplace: replace, reason: reason,
                                       providerAddress: providerAddr, providerSource: source, schema: rschema)
            change.previousAddress = cj["previous_address"]?.stringValue.flatMap(instanceAddress)
            switch key {
            case "read_data": readData.append(change)
            case "resource_drift": drift.append(change)
            default: changes.append(change)
            }
        } }
        var outputs: [OutputChange] = []
        for oj in root["output_changes"]?.arrayValue ?? [] {
            guard let name = oj["name"]?.stringValue, let action = oj["action"]?.stringValue.flatMap(ChangeAction.init(rawValue:)),
                  let before = oj["before"].flatMap(PlanValueCodec.decode), let after = oj["after"].flatMap(PlanValueCodec.decode) else {
                return .failure(PlanFileError("an output change in the plan file is malformed"))
            }
            outputs.append(OutputChange(name: name, action: action, before: before, after: after, sensitive: oj["sensitive"]?.boolValue ?? false))
        }
        var variables: [String: Value] = [:]
        for m in root["variables"]?.objectValue ?? [] {
            guard let v = PlanValueCodec.decode(m.value) else { return .failure(PlanFileError("the value of variable \(m.key) in the plan file cannot be read")) }
            variables[m.key] = v
        }
        var files: [String: String] = [:]
        for m in root["configuration_files"]?.objectValue ?? [] { files[m.key] = m.value.stringValue ?? "" }
        var plan = Plan(changes: changes, outputChanges: outputs, priorState: prior, isDestroy: root["destroy"]?.boolValue ?? false)
        plan.readData = readData
        plan.drift = drift
        plan.isRefreshOnly = root["refresh_only"]?.boolValue ?? false
        if let checks = root["check_results"]?.arrayValue {
            plan.checkResults = checks.compactMap(StateFileReader.checkResult)
        }
        var saved = SavedPlan(plan: plan, variables: variables, configFiles: files,
                              timestamp: root["timestamp"]?.stringValue ?? "", errored: root["errored"]?.boolValue ?? false)
        saved.setVariables = Set((root["variables_set"]?.arrayValue ?? []).compactMap(\.stringValue))
        return .success(saved)
    }

    static func instanceAddress(_ text: String) -> AbsResourceInstance? {
        switch AddressParser.parseTarget(text).0 {
        case .instance(let i)?: return i
        case .resource(let r)?: return r.instance(.none)
        default: return nil
        }
    }

    // MARK: Checks before apply

    /// terraform's checks of a saved plan's prior state against the current state.
    public func stateCheck(current: StateFile?) -> Diagnostics {
        let planLineage = plan.priorState?.lineage ?? ""
        let planSerial = plan.priorState?.serial ?? 0
        let curLineage = current?.lineage ?? ""
        let curSerial = current?.serial ?? 0
        let firstPlan = planLineage.isEmpty && planSerial == 0
        if !firstPlan && planLineage != curLineage {
            return Diagnostics([.error("Saved plan does not match the given state",
                                       "The given plan file can not be applied because it was created from a different state lineage.")])
        }
        if planSerial != curSerial {
            return Diagnostics([.error("Saved plan is stale",
                                       "The given plan file can no longer be applied because the state was changed by another operation after the plan was created.")])
        }
        return Diagnostics()
    }

    /// Terraswift applies a saved plan with the configuration in the working
    /// directory, so that configuration must be the one the plan was made from.
    public func configurationCheck(_ current: [String: String]) -> Diagnostics {
        if current == configFiles { return Diagnostics() }
        var changed = Set(current.keys).symmetricDifference(configFiles.keys)
        for (k, v) in current where configFiles[k] != nil && configFiles[k] != v { changed.insert(k) }
        let list = changed.sorted(by: StateValueCodec.byteOrder).map { "\n  - \($0)" }.joined()
        return Diagnostics([.error("Saved plan does not match the configuration",
                                   "The given plan file was created from a different configuration than the one in this directory. These files differ:\(list)\n\nA saved plan can be applied only to the same configuration it was created from. Create a new plan from the updated configuration.")])
    }
}
