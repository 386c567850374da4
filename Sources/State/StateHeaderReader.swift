import Config
import Foundation
import HCL
import JSON

/// What `state list` and `output` need of a state: instance addresses and outputs.
public struct StateHeaders: Sendable {
    /// Every instance address, sorted as `StateFile.instanceAddresses` sorts them.
    public var instanceAddresses: [AbsResourceInstance]
    public var outputs: [OutputValue]
}

/// Reads only resource headers, instance keys and outputs of a v4 state in
/// one strict pass over its bytes, skipping instance attributes without
/// building anything for them.
///
/// It answers only for states it can vouch for: anything unusual (another
/// format version, a wrong type, a duplicate key, deposed objects, legacy
/// flat attributes, check results, bad output types …) gives nil, and the
/// caller reads the state with `StateFileReader`, which words the errors
/// exactly as terraform does.
public enum StateHeaderReader {
    public static func read(_ bytes: [UInt8]) -> StateHeaders? {
        if bytes.isEmpty { return nil }
        var scan = HeaderScan()
        guard case .complete(let root) = JSON.scanShallow(bytes, openDepth: 4, visitor: &scan) else { return nil }
        if !scan.terraformVersion.isEmpty && SemanticVersion(scan.terraformVersion) == nil { return nil }
        guard scan.sawVersion else { return nil }
        // Instance paths and dependencies are few and small: checked as the full reader checks them.
        for (s, e) in scan.sensitivePaths {
            guard let list = root.valueAt(start: s, end: e)?.elements, list.allSatisfy({ $0.kind == .array }) else { return nil }
        }
        for (s, e) in scan.dependencies {
            guard let list = root.valueAt(start: s, end: e)?.elements else { return nil }
            for d in list {
                guard let text = d.stringValue else { return nil }
                let (parsed, diags) = AddressParser.parseAbsResource(text)
                if parsed == nil || diags.hasErrors { return nil }
            }
        }
        if let (s, e) = scan.checkResultsRange {
            guard let list = root.valueAt(start: s, end: e)?.elements else { return nil }
            for c in list {
                guard let kind = c["object_kind"]?.stringValue, ["resource", "output", "check", "var"].contains(kind) else { return nil }
            }
        }
        var outputs: [OutputValue] = []
        if let (s, e) = scan.outputsRange {
            guard let node = root.valueAt(start: s, end: e), let members = node.uniqueMembers else { return nil }
            for m in members {
                guard let fields = m.value.uniqueMembers else { return nil }
                if let sensitive = NodeFields(members: fields)["sensitive"], !sensitive.isNull, sensitive.boolValue == nil { return nil }
            }
            var diags = Diagnostics()
            outputs = StateFileReader.readOutputs(node, &diags)
            if diags.hasErrors { return nil }
        }
        var byAddress: [AbsResource: [InstanceKey]] = [:]
        for (addr, keys) in scan.resources {
            // A resource listed twice, or a key listed twice, is for the full reader to judge.
            guard byAddress[addr] == nil else { return nil }
            let sorted = keys.sorted()
            for n in sorted.indices.dropFirst() where sorted[n] == sorted[n - 1] { return nil }
            byAddress[addr] = sorted
        }
        return StateHeaders(instanceAddresses: StateFile.sortedInstanceAddresses(byAddress), outputs: outputs)
    }
}

/// Follows the scan: which member of which level the next value belongs to.
private struct HeaderScan: JSONShallowVisitor {
    enum Top { case version, terraformVersion, serial, lineage, outputs, resources, checkResults, other }
    enum ResourceField { case module, mode, type, name, each, provider, instances, other }
    enum InstanceField { case indexKey, status, deposed, privateData, schemaVersion, createBeforeDestroy, dependencies, attributesFlat, sensitiveAttributes, attributes, other }

    var sawVersion = false
    var terraformVersion = ""
    var outputsRange: (Int, Int)?
    var resources: [(AbsResource, [InstanceKey])] = []
    var sensitivePaths: [(Int, Int)] = []
    var dependencies: [(Int, Int)] = []

    var top = Top.other
    var topSeen: Set<String> = []
    var inResources = false
    var inOutputs = false
    var outputsStart = 0
    var checkResultsStart = 0
    var checkResultsRange: (Int, Int)?
    /// Containers whose insides do not matter here (unknown members, output values): depth of the outermost.
    var ignoreDepth: Int?

    var resourceField = ResourceField.other
    var resourceSeen: UInt16 = 0
    var module = "", mode = "", type = "", name = ""
    var keys: [InstanceKey] = []
    var inInstances = false
    var instanceField = InstanceField.other
    var instanceSeen: UInt16 = 0
    var key = InstanceKey.none
    var modules: [String: ModuleInstance] = ["": .root]

    mutating func key(_ k: UnsafeBufferPointer<UInt8>, escaped: Bool, depth: Int) -> Bool {
        if let ignoreDepth, depth >= ignoreDepth { return true }
        // An escaped member name could spell a known one: the full reader decides.
        if escaped && depth != 1 { return false }
        switch depth {
        case 0:
            let text = String(decoding: k, as: UTF8.self)
            guard topSeen.insert(text).inserted else { return false }
            switch text {
            case "version": top = .version
            case "terraform_version": top = .terraformVersion
            case "serial": top = .serial
            case "lineage": top = .lineage
            case "outputs": top = .outputs
            case "resources": top = .resources
            case "check_results": top = .checkResults
            default: top = .other
            }
        case 1:
            return true // output names
        case 2:
            if inOutputs { return true }
            let field: ResourceField
            if same(k, "mode") { field = .mode } else if same(k, "type") { field = .type } else if same(k, "name") { field = .name }
            else if same(k, "module") { field = .module } else if same(k, "each") { field = .each }
            else if same(k, "provider") { field = .provider } else if same(k, "instances") { field = .instances }
            else { resourceField = .other; return true }
            let bit: UInt16 = 1 << field.hashValueBit
            guard resourceSeen & bit == 0 else { return false }
            resourceSeen |= bit
            resourceField = field
        case 4:
            let field: InstanceField
            if same(k, "index_key") { field = .indexKey } else if same(k, "schema_version") { field = .schemaVersion }
            else if same(k, "attributes") { field = .attributes } else if same(k, "sensitive_attributes") { field = .sensitiveAttributes }
            else if same(k, "status") { field = .status } else if same(k, "deposed") { field = .deposed }
            else if same(k, "private") { field = .privateData } else if same(k, "dependencies") { field = .dependencies }
            else if same(k, "create_before_destroy") { field = .createBeforeDestroy } else if same(k, "attributes_flat") { field = .attributesFlat }
            else { instanceField = .other; return true }
            let bit: UInt16 = 1 << field.hashValueBit
            guard instanceSeen & bit == 0 else { return false }
            instanceSeen |= bit
            instanceField = field
        default:
            return false
        }
        return true
    }

    mutating func open(_ kind: JSONRaw.Kind, at start: Int, depth: Int) -> Bool {
        if let ignoreDepth, depth > ignoreDepth { return true }
        switch depth {
        case 0:
            return kind == .object
        case 1:
            switch top {
            case .outputs:
                guard kind == .object else { return false }
                inOutputs = true
                outputsStart = start
            case .resources:
                guard kind == .array else { return false }
                inResources = true
            case .checkResults:
                guard kind == .array else { return false }
                checkResultsStart = start
                ignoreDepth = depth
            case .other:
                ignoreDepth = depth
            default:
                return false
            }
        case 2:
            if inOutputs { return kind == .object }
            guard inResources, kind == .object else { return false }
            resourceSeen = 0
            module = ""; mode = ""; type = ""; name = ""
            keys = []
        case 3:
            if inOutputs { ignoreDepth = depth; return true }
            if resourceField == .instances {
                guard kind == .array else { return false }
                inInstances = true
            } else if resourceField == .other {
                ignoreDepth = depth
            } else {
                return false
            }
        case 4:
            if inOutputs { ignoreDepth = depth; return true }
            guard inInstances, kind == .object else { return false }
            instanceSeen = 0
            key = .none
        default:
            return false
        }
        return true
    }

    mutating func close(at end: Int, depth: Int) -> Bool {
        if let ignoreDepth {
            if depth > ignoreDepth { return true }
            if depth == ignoreDepth {
                self.ignoreDepth = nil
                if depth == 1 && top == .checkResults { checkResultsRange = (checkResultsStart, end) }
                return true
            }
        }
        switch depth {
        case 1:
            if inOutputs { outputsRange = (outputsStart, end) }
            inOutputs = false
            inResources = false
        case 2:
            if inOutputs { return true }
            let resourceMode: ResourceMode
            switch mode {
            case "managed": resourceMode = .managed
            case "data": resourceMode = .data
            default: return false
            }
            let moduleInstance: ModuleInstance
            if let known = modules[module] {
                moduleInstance = known
            } else {
                let (parsed, diags) = AddressParser.parseModuleInstance(module)
                guard let parsed, !diags.hasErrors else { return false }
                modules[module] = parsed
                moduleInstance = parsed
            }
            resources.append((AbsResource(module: moduleInstance, resource: Resource(mode: resourceMode, type: type, name: name)), keys))
        case 3:
            inInstances = false
        case 4:
            keys.append(key)
        default:
            break
        }
        return true
    }

    mutating func value(_ kind: JSONRaw.Kind, _ doc: UnsafeBufferPointer<UInt8>, start: Int, end: Int, depth: Int) -> Bool {
        if let ignoreDepth, depth > ignoreDepth { return true }
        switch depth {
        case 1:
            switch top {
            case .version:
                // Only version 4 is read here; the rest (upgrades, errors) by the full reader.
                guard kind == .number, end - start == 1, doc[start] == UInt8(ascii: "4") else { return false }
                sawVersion = true
            case .terraformVersion:
                if kind == .string { terraformVersion = JSON.decodeString(doc, at: start) } else if kind != .null { return false }
            case .serial:
                if kind == .number {
                    guard UInt64(String(decoding: UnsafeBufferPointer(rebasing: doc[start..<end]), as: UTF8.self)) != nil else { return false }
                } else if kind != .null { return false }
            case .lineage:
                return kind == .string || kind == .null
            case .outputs, .resources, .checkResults:
                return kind == .null
            case .other:
                return true
            }
        case 2:
            // Outputs and resources are objects, never null or scalars.
            return false
        case 3:
            if inOutputs { return true }
            switch resourceField {
            case .other: return true
            case .instances: return kind == .null
            default:
                if kind == .null { return true }
                guard kind == .string else { return false }
                let text = JSON.decodeString(doc, at: start)
                switch resourceField {
                case .module: module = text
                case .mode: mode = text
                case .type: type = text
                case .name: name = text
                default: break
                }
            }
        case 4:
            if inOutputs { return true }
            return false
        case 5:
            if inOutputs { return true }
            switch instanceField {
            case .other, .attributes:
                return true
            case .indexKey:
                switch kind {
                case .null: key = .none
                case .string: key = .string(JSON.decodeString(doc, at: start))
                case .number:
                    guard let n = Int(String(decoding: UnsafeBufferPointer(rebasing: doc[start..<end]), as: UTF8.self)) else { return false }
                    key = .int(n)
                default: return false
                }
            case .status:
                if kind == .null { return true }
                guard kind == .string else { return false }
                let text = JSON.decodeString(doc, at: start)
                return text == "" || text == "tainted"
            case .deposed:
                // Deposed objects need the duplicate rules of the full reader.
                if kind == .null { return true }
                return kind == .string && end - start == 2
            case .privateData:
                return kind == .string || kind == .null
            case .schemaVersion:
                if kind == .null { return true }
                guard kind == .number else { return false }
                return UInt64(String(decoding: UnsafeBufferPointer(rebasing: doc[start..<end]), as: UTF8.self)) != nil
            case .createBeforeDestroy:
                return kind == .bool || kind == .null
            case .dependencies:
                if kind == .null { return true }
                guard kind == .array else { return false }
                if !isEmptyContainer(doc, start, end) { dependencies.append((start, end)) }
            case .sensitiveAttributes:
                if kind == .null { return true }
                guard kind == .array else { return false }
                if !isEmptyContainer(doc, start, end) { sensitivePaths.append((start, end)) }
            case .attributesFlat:
                return kind == .null
            }
        default:
            return false
        }
        return true
    }

    /// A member name's raw bytes against a known name, without making a String.
    @inline(__always) private func same(_ k: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        let n = name.utf8CodeUnitCount
        guard k.count == n, let base = k.baseAddress else { return false }
        return memcmp(base, name.utf8Start, n) == 0
    }

    private func isEmptyContainer(_ doc: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        for k in (start + 1)..<(end - 1) {
            let b = doc[k]
            if b != 0x20 && b != 0x0A && b != 0x0D && b != 0x09 { return false }
        }
        return true
    }
}

private extension HeaderScan.ResourceField {
    var hashValueBit: UInt16 {
        switch self {
        case .module: return 0
        case .mode: return 1
        case .type: return 2
        case .name: return 3
        case .each: return 4
        case .provider: return 5
        case .instances: return 6
        case .other: return 7
        }
    }
}

private extension HeaderScan.InstanceField {
    var hashValueBit: UInt16 {
        switch self {
        case .indexKey: return 0
        case .status: return 1
        case .deposed: return 2
        case .privateData: return 3
        case .schemaVersion: return 4
        case .createBeforeDestroy: return 5
        case .dependencies: return 6
        case .attributesFlat: return 7
        case .sensitiveAttributes: return 8
        case .attributes: return 9
        case .other: return 10
        }
    }
}
