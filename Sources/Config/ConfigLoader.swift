import Foundation
import HCL

/// Reads a module directory the way terraform does: which files count, in
/// which order, primaries before overrides.
public enum ConfigLoader {
    public struct DirectoryFiles {
        public var primary: [String] = []
        public var overrides: [String] = []
    }

    /// Names terraform skips: dotfiles, editor backups (`x~`) and lock files (`#x#`).
    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || (name.hasPrefix("#") && name.hasSuffix("#"))
    }

    static func isOverride(_ name: String) -> Bool {
        let base = name.hasSuffix(".tf.json") ? String(name.dropLast(".tf.json".count)) : String(name.dropLast(".tf".count))
        return base == "override" || base.hasSuffix("_override")
    }

    public static func configFiles(in directory: String) throws -> DirectoryFiles {
        var result = DirectoryFiles()
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        for name in names where !isIgnored(name) && (name.hasSuffix(".tf") || name.hasSuffix(".tf.json")) {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDir), !isDir.boolValue else { continue }
            if isOverride(name) { result.overrides.append(name) } else { result.primary.append(name) }
        }
        return result
    }

    /// Loads one module. `displayDirectory` is how its files are named in
    /// diagnostics (`""` for the root, `modules/net` for a child).
    public static func loadModule(directory: String, displayDirectory: String, sources: inout SourceFiles) -> (ConfigModule, Diagnostics) {
        var diags = Diagnostics()
        var module = ConfigModule(directory: displayDirectory.isEmpty ? "." : displayDirectory)
        let files: DirectoryFiles
        do {
            files = try configFiles(in: directory)
        } catch {
            diags += .error("Failed to read module directory", "Module directory \(displayDirectory.isEmpty ? directory : displayDirectory) does not exist or cannot be read.")
            return (module, diags)
        }
        func load(_ name: String, override: Bool) -> ConfigFile? {
            let displayName = displayDirectory.isEmpty || displayDirectory == "." ? name : displayDirectory + "/" + name
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else {
                diags += .error("Failed to read file", "The configuration file \"\(displayName)\" could not be read.")
                return nil
            }
            let bytes = Array(data)
            let file: File
            let parseDiags: Diagnostics
            if name.hasSuffix(".tf.json") {
                let (body, d) = JSONSyntax.parseFile(bytes, filename: displayName)
                file = File(filename: displayName, body: Body(json: body).resolvingJSON(ConfigSchemas.fileShape), bytes: bytes)
                parseDiags = d
            } else {
                (file, parseDiags) = Parser.parseFile(bytes, filename: displayName)
            }
            diags += parseDiags
            var (decoded, decodeDiags) = ConfigFileDecoder.decode(file, override: override)
            decoded.filename = displayName
            sources[displayName] = SourceFiles.Entry(bytes: bytes, topLevelBlocks: decoded.topLevelBlocks, jsonRoot: file.body.json?.node)
            // Decoding a native file that did not parse would only repeat its errors;
            // terraform decodes what hcl/json could read (the failed value stands in as invalid).
            if parseDiags.hasErrors && !name.hasSuffix(".tf.json") { return decoded }
            diags += decodeDiags
            return decoded
        }
        for name in files.primary {
            if let f = load(name, override: false) { module.append(f, diags: &diags) }
        }
        for name in files.overrides {
            if let f = load(name, override: true) { module.merge(override: f, diags: &diags) }
        }
        module.resolveJSONResourceBodies()
        return (module, diags)
    }
}

/// The whole configuration: the root module and, through module calls, every
/// installed child module.
public final class ConfigTree: @unchecked Sendable {
    public let module: ConfigModule
    /// Dotted key of module call names; "" for the root.
    public let key: String
    public let path: [String]
    public private(set) var children: [String: ConfigTree] = [:]
    public weak var parent: ConfigTree?

    init(module: ConfigModule, key: String, path: [String]) {
        self.module = module
        self.key = key
        self.path = path
    }

    /// A tree of just this node's module, for per-module questions.
    public static func single(_ node: ConfigTree) -> ConfigTree {
        ConfigTree(module: node.module, key: node.key, path: node.path)
    }

    /// Every module in the tree, parents before children, children by name.
    public var allModules: [ConfigTree] {
        [self] + children.keys.sorted().flatMap { children[$0]!.allModules }
    }

    /// Loads the tree rooted at `rootDirectory`, taking child modules from the
    /// installed-modules manifest as terraform does.
    public static func load(rootDirectory: String) -> (ConfigTree, SourceFiles, Diagnostics) {
        var sources = SourceFiles()
        var diags = Diagnostics()
        let (rootModule, rootDiags) = ConfigLoader.loadModule(directory: rootDirectory, displayDirectory: "", sources: &sources)
        diags += rootDiags
        let root = ConfigTree(module: rootModule, key: "", path: [])
        let manifest = (try? ModulesManifest.read(from: rootDirectory + "/.terraform/modules/modules.json")) ?? ModulesManifest()
        var queue = [root]
        while let tree = queue.first {
            queue.removeFirst()
            for name in tree.module.moduleCalls.keys.sorted() {
                guard let call = tree.module.moduleCalls[name], call.source != nil else { continue }
                let path = tree.path + [name]
                let key = path.joined(separator: ".")
                guard path.count <= 256 else {
                    diags += .error("Module nesting too deep", "Module \(key) is nested more than 256 levels deep.", subject: call.declRange)
                    continue
                }
                guard let record = manifest.records[key], call.source == nil || record.source == call.source
                        || (try? ModuleSource.parse(call.source ?? "").description) == record.source else {
                    diags += .error("Module not installed",
                                    "This module is not yet installed. Run \"terraform init\" to install all modules required by this configuration.",
                                    subject: call.declRange)
                    continue
                }
                let dir = record.dir == "." ? rootDirectory : rootDirectory + "/" + record.dir
                var isDir: ObjCBool = false
                guard !record.dir.isEmpty, FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                    diags += .error("Module not installed",
                                    "This module's local cache directory \(record.dir) could not be read. Run \"terraform init\" to install all modules required by this configuration.",
                                    subject: call.declRange)
                    continue
                }
                let (childModule, childDiags) = ConfigLoader.loadModule(directory: dir, displayDirectory: record.dir, sources: &sources)
                diags += childDiags
                let child = ConfigTree(module: childModule, key: key, path: path)
                child.parent = tree
                tree.children[name] = child
                queue.append(child)
            }
        }
        diags += ProviderValidation.undefinedProviderWarnings(root)
        return (root, sources, diags)
    }

    /// A reader of module calls for the installer, backed by the same decoding.
    public struct CallReader: ModuleCallReader {
        public init() {}
        public func moduleCalls(inDirectory directory: String) -> ([ModuleCall], Diagnostics) {
            var sources = SourceFiles()
            let (module, diags) = ConfigLoader.loadModule(directory: directory, displayDirectory: "", sources: &sources)
            let calls = module.moduleCalls.values.compactMap { m -> ModuleCall? in
                guard let source = m.source else { return nil }
                return ModuleCall(name: m.name, source: source, version: m.version, range: m.declRange)
            }
            return (calls, diags)
        }
    }
}
