import Foundation
import HCL

/// A `module` block as the installer needs it.
public struct ModuleCall: Sendable {
    public var name: String
    public var source: String
    public var version: String?
    /// The `module "name"` header, for diagnostics.
    public var range: SourceRange

    public init(name: String, source: String, version: String? = nil, range: SourceRange) {
        self.name = name
        self.source = source
        self.version = version
        self.range = range
    }
}

/// Reads the module calls of the configuration in a directory. The
/// configuration loader provides the real one; tests provide small ones.
public protocol ModuleCallReader {
    func moduleCalls(inDirectory directory: String) -> ([ModuleCall], Diagnostics)
}

/// Installs the module tree under `.terraform/modules` the way `terraform init`
/// does, and writes `modules.json`.
public struct ModuleInstaller {
    public var rootDirectory: String
    public var environment: [String: String]
    public var reader: ModuleCallReader
    public var upgrade = false
    /// A directory laid out as `HOST/NAMESPACE/NAME/TARGET/VERSION/` to take
    /// registry modules from instead of the network (`TERRASWIFT_MODULE_MIRROR`).
    public var mirror: String?
    /// Progress lines as terraform prints them (`- net in modules/net`).
    public var progress: (String) -> Void = { _ in }
    public var maximumDepth = 256

    public init(rootDirectory: String, environment: [String: String], reader: ModuleCallReader) {
        self.rootDirectory = rootDirectory
        self.environment = environment
        self.reader = reader
        self.mirror = environment["TERRASWIFT_MODULE_MIRROR"].flatMap { $0.isEmpty ? nil : $0 }
    }

    var modulesDirectory: String { ".terraform/modules" }
    var manifestPath: String { rootDirectory + "/" + modulesDirectory + "/modules.json" }

    public func install() -> (ModulesManifest, Diagnostics) {
        var diags = Diagnostics()
        let previous: ModulesManifest
        do {
            previous = try ModulesManifest.read(from: manifestPath)
        } catch {
            diags += .error("Failed to read module manifest", "Error reading manifest for \(modulesDirectory): \(error).")
            return (ModulesManifest(), diags)
        }
        var state = InstallState(previous: previous, manifest: ModulesManifest())
        installChildren(of: ".", keyPath: [], packageRoot: nil, ancestors: [canonical(rootDirectory)], state: &state, diags: &diags)
        // terraform writes the manifest even after errors, so later commands name what went wrong
        do {
            try state.manifest.write(to: manifestPath)
        } catch {
            diags += .error("Failed to update module manifest", "Unable to write the module manifest file: \(error)")
        }
        return (state.manifest, diags)
    }

    struct InstallState {
        var previous: ModulesManifest
        var manifest: ModulesManifest
    }

    private func absolute(_ relative: String) -> String {
        relative == "." ? rootDirectory : rootDirectory + "/" + relative
    }

    private func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    private func where_(_ call: ModuleCall) -> String {
        "\(call.range.filename):\(call.range.start.line)"
    }

    private func installChildren(of dir: String, keyPath: [String], packageRoot: String?, ancestors: [String],
                                 state: inout InstallState, diags: inout Diagnostics) {
        let (calls, readDiags) = reader.moduleCalls(inDirectory: absolute(dir))
        diags += readDiags
        // The reader names files within the module; terraform names them from the root.
        let located = calls.map { c -> ModuleCall in
            var c = c
            if dir != "." && !c.range.filename.hasPrefix(dir + "/") { c.range.filename = dir + "/" + c.range.filename }
            return c
        }
        for call in located.sorted(by: { $0.name < $1.name }) {
            let path = keyPath + [call.name]
            let key = path.joined(separator: ".")
            guard path.count <= maximumDepth else {
                diags += .error("Module nesting too deep",
                                "Module \"\(call.name)\" (\(where_(call)), source \"\(call.source)\") is nested more than \(maximumDepth) levels deep; this usually means modules call each other in a cycle.",
                                subject: call.range)
                return
            }
            let source: ModuleSource
            do {
                source = try ModuleSource.parse(call.source)
            } catch {
                diags += .error("Invalid module source address", "Failed to parse module source address: \(error)", subject: call.range)
                continue
            }
            var childDir: String
            var childPackageRoot = packageRoot
            switch source {
            case .local(let relative):
                if call.version != nil {
                    diags += .error("Invalid version constraint",
                                    "Cannot apply a version constraint to module \"\(call.name)\" (at \(where_(call))) because it has a relative local path.",
                                    subject: call.range)
                    continue
                }
                childDir = ModuleSource.cleanPath(dir + "/" + relative)
                if let root = packageRoot, !(childDir == root || childDir.hasPrefix(root + "/")) {
                    diags += .error("Local module path escapes module package",
                                    "The given source directory for module.\(key) would be outside of its containing package \"\(root)\". Local source addresses starting with \"../\" must stay within the same package that the calling module belongs to.",
                                    subject: call.range)
                    continue
                }
                var isDir: ObjCBool = false
                if !FileManager.default.fileExists(atPath: absolute(childDir)) {
                    // terraform resolves symlinks first, fails, and goes on with an empty directory name:
                    // two sourceless errors, and the module recorded with no directory
                    progress("- \(key) in\n")
                    diags += .error("Unreadable module directory",
                                    "Unable to evaluate directory symlink: lstat \(childDir): no such file or directory")
                    diags += .error("Unreadable module directory",
                                    "The directory  could not be read for module \"\(call.name)\" at \(where_(call)).")
                    state.manifest.records[key] = .init(key: key, source: call.source, dir: "")
                    continue
                }
                guard FileManager.default.fileExists(atPath: absolute(childDir), isDirectory: &isDir), isDir.boolValue else {
                    diags += .error("Unreadable module directory",
                                    "The directory \(childDir) could not be read for module \"\(call.name)\" at \(where_(call)).",
                                    subject: call.range)
                    continue
                }
                state.manifest.records[key] = .init(key: key, source: call.source, dir: childDir)
            case .registry(let address, let subdir):
                guard let installed = installRegistry(call, key: key, address: address, subdir: subdir, state: &state, diags: &diags) else { continue }
                childDir = installed
                childPackageRoot = modulesDirectory + "/" + key
            case .remote(let package, let subdir):
                guard let installed = installRemote(call, key: key, package: package, subdir: subdir, display: source.description, state: &state, diags: &diags) else { continue }
                childDir = installed
                childPackageRoot = modulesDirectory + "/" + key
            }
            let canon = canonical(absolute(childDir))
            if ancestors.contains(canon) {
                diags += .error("Module cycle", "Module \"\(call.name)\" (\(where_(call))) calls the directory \(childDir), which is already one of its calling modules.", subject: call.range)
                continue
            }
            // Like terraform, say only what this run installed or changed.
            if state.previous.records[key] != state.manifest.records[key] || upgrade {
                progress("- \(key) in \(childDir)\n")
            }
            installChildren(of: childDir, keyPath: path, packageRoot: childPackageRoot, ancestors: ancestors + [canon], state: &state, diags: &diags)
        }
    }

    private func installRegistry(_ call: ModuleCall, key: String, address: RegistryModuleAddress, subdir: String,
                                 state: inout InstallState, diags: inout Diagnostics) -> String? {
        let host = address.host
        var constraints: VersionConstraints?
        if let v = call.version {
            do {
                constraints = try VersionConstraints(v)
            } catch {
                diags += .error("Invalid version constraint", "\(error)", subject: call.range)
                return nil
            }
        }
        let instPath = modulesDirectory + "/" + key
        let moduleDir = subdir.isEmpty ? instPath : instPath + "/" + subdir
        // Reuse what an earlier init installed, unless asked to upgrade.
        if !upgrade, let old = state.previous.records[key], old.source == address.description,
           let oldVersion = old.version.flatMap(ModuleVersion.init), constraints?.allows(oldVersion) ?? true,
           FileManager.default.fileExists(atPath: absolute(old.dir)) {
            state.manifest.records[key] = old
            return old.dir
        }

        var available: [ModuleVersion] = []
        var locate: (ModuleVersion) throws -> Void
        if let mirror {
            let base = "\(mirror)/\(address.host)/\(address.namespace)/\(address.name)/\(address.target)"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
            available = names.compactMap(ModuleVersion.init)
            guard !available.isEmpty else {
                diags += .error("Module not found in mirror",
                                "Module \"\(call.name)\" (from \(where_(call))) with source \(address.forDisplay) is not in the module mirror: expected versions under \(base)/.",
                                subject: call.range)
                return nil
            }
            locate = { v in
                try PackageFetcher(environment: environment).copyDirectory("\(base)/\(v.original)", to: self.absolute(instPath))
            }
        } else {
            let client = ModuleRegistryClient(environment: environment)
            do {
                available = try client.versions(of: address).compactMap(ModuleVersion.init)
            } catch let failure as ModuleRegistryClient.Failure {
                if failure.notFound {
                    diags += .error("Module not found",
                                    "Module \"\(call.name)\" (from \(where_(call))) cannot be found in the module registry at \(host).",
                                    subject: call.range)
                } else {
                    diags += .error("Error accessing remote module registry",
                                    "Failed to retrieve available versions for module \"\(call.name)\" (\(where_(call))) from \(host): \(failure).",
                                    subject: call.range)
                }
                return nil
            } catch {
                diags += .error("Error accessing remote module registry", "\(error)", subject: call.range)
                return nil
            }
            locate = { v in
                let location = try client.location(of: address, version: v.original)
                let parsed = try ModuleSource.parse(location)
                guard case .remote(let package, let locSubdir) = parsed else {
                    throw ModuleSource.ParseError(description: "Module registry \(host) returned invalid source location \"\(location)\" for \(address.forDisplay) \(v): must be a direct remote package address.")
                }
                try PackageFetcher(environment: environment).fetch(package, into: self.absolute(instPath))
                if !locSubdir.isEmpty {
                    throw ModuleSource.ParseError(description: "registry locations with sub-directories are not supported yet (\(location))")
                }
            }
        }
        guard let newestAvailable = available.filter({ $0.prerelease.isEmpty }).max() ?? available.max() else {
            diags += .error("Module has no versions", "Module \"\(address.forDisplay)\" (\(where_(call))) has no versions available on \(host).", subject: call.range)
            return nil
        }
        let selected: ModuleVersion?
        if let constraints {
            selected = constraints.newest(of: available)
        } else {
            selected = available.filter({ $0.prerelease.isEmpty }).max()
        }
        guard let selected else {
            diags += .error("Unresolvable module version constraint",
                            "There is no available version of module \"\(address.forDisplay)\" (\(where_(call))) which matches the given version constraint. The newest available version is \(newestAvailable).",
                            subject: call.range)
            return nil
        }
        progress("Downloading \(address.forDisplay) \(selected) for \(key)...\n")
        do {
            try locate(selected)
        } catch {
            diags += .error("Failed to download module",
                            "Could not download module \"\(call.name)\" (\(where_(call))) source code from \"\(address.forDisplay)\": \(error).",
                            subject: call.range)
            return nil
        }
        guard FileManager.default.fileExists(atPath: absolute(moduleDir)) else {
            diags += .error("Unreadable module subdirectory",
                            "The directory \(moduleDir) does not exist. The target submodule \(subdir) does not exist within the target module.",
                            subject: call.range)
            return nil
        }
        state.manifest.records[key] = .init(key: key, source: address.description, version: selected.description, dir: moduleDir)
        return moduleDir
    }

    private func installRemote(_ call: ModuleCall, key: String, package: String, subdir: String, display: String,
                               state: inout InstallState, diags: inout Diagnostics) -> String? {
        let instPath = modulesDirectory + "/" + key
        let moduleDir = subdir.isEmpty ? instPath : instPath + "/" + subdir
        if !upgrade, let old = state.previous.records[key], old.source == display,
           FileManager.default.fileExists(atPath: absolute(old.dir)) {
            state.manifest.records[key] = old
            return old.dir
        }
        progress("Downloading \(package) for \(key)...\n")
        do {
            try PackageFetcher(environment: environment).fetch(package, into: absolute(instPath))
        } catch {
            diags += .error("Failed to download module",
                            "Could not download module \"\(call.name)\" (\(where_(call))) source code from \"\(display)\": \(error).",
                            subject: call.range)
            return nil
        }
        guard FileManager.default.fileExists(atPath: absolute(moduleDir)) else {
            diags += .error("Unreadable module subdirectory",
                            "The directory \(moduleDir) does not exist. The target submodule \(subdir) does not exist within the target module.",
                            subject: call.range)
            return nil
        }
        state.manifest.records[key] = .init(key: key, source: display, dir: moduleDir)
        return moduleDir
    }
}
