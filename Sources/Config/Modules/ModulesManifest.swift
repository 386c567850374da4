import Foundation
import JSON

/// `.terraform/modules/modules.json`: where each installed module call lives,
/// in terraform's format so a directory initialised by either tool works with both.
public struct ModulesManifest: Equatable, Sendable {
    public struct Record: Equatable, Sendable {
        /// Dotted path of module call names (`net.sub`); "" for the root module.
        public var key: String
        public var source: String
        public var version: String?
        /// Relative to the root module directory.
        public var dir: String

        public init(key: String, source: String, version: String? = nil, dir: String) {
            self.key = key
            self.source = source
            self.version = version
            self.dir = dir
        }
    }

    public var records: [String: Record] = [:]

    public init() {
        records[""] = Record(key: "", source: "", dir: ".")
    }

    public static func read(from path: String) throws -> ModulesManifest {
        guard let data = FileManager.default.contents(atPath: path) else { return ModulesManifest() }
        let doc = try JSON.parse(Array(data))
        var manifest = ModulesManifest()
        for item in doc["Modules"]?.arrayValue ?? [] {
            guard let key = item["Key"]?.stringValue, let dir = item["Dir"]?.stringValue else { continue }
            manifest.records[key] = Record(key: key, source: item["Source"]?.stringValue ?? "",
                                           version: item["Version"]?.stringValue, dir: dir)
        }
        return manifest
    }

    /// The manifest as terraform writes it: compact JSON, records sorted by key.
    public var json: String {
        let items: [JSONValue] = records.values.sorted { $0.key < $1.key }.map { r in
            var members = [JSONMember(key: "Key", value: .string(r.key)), JSONMember(key: "Source", value: .string(r.source))]
            if let v = r.version { members.append(JSONMember(key: "Version", value: .string(v))) }
            members.append(JSONMember(key: "Dir", value: .string(r.dir)))
            return .object(members)
        }
        return JSONWriter().string(.object(["Modules": .array(items)]))
    }

    public func write(to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(json.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
