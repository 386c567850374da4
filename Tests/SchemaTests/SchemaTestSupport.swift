import Foundation
@testable import Config
import JSON

/// The repository checkout these tests were built from.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let terraformPath: String? = {
    for p in ["/usr/local/bin/terraform", "/usr/bin/terraform"] where FileManager.default.isExecutableFile(atPath: p) {
        return p
    }
    return nil
}()

let python3Path: String? = {
    for p in ["/usr/bin/python3", "/usr/local/bin/python3", "/root/.pyenv/shims/python3"]
    where FileManager.default.isExecutableFile(atPath: p) {
        return p
    }
    return nil
}()

struct ProcessResult {
    var code: Int32
    var out: String
    var err: String
}

/// Runs a program to completion with stdin closed; nil if it could not start.
func run(_ executable: String, _ arguments: [String], in directory: URL, env extra: [String: String] = [:]) -> ProcessResult? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    p.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env["TF_CLI_CONFIG_FILE"] = "/dev/null"
    env["TF_IN_AUTOMATION"] = "1"
    for (k, v) in extra { env[k] = v }
    p.environment = env
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    do { try p.run() } catch { return nil }
    // Read both pipes before waiting so a large output cannot block the child.
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return ProcessResult(code: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
}

func makeTempDir(_ tag: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("terraswift-\(tag)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// The files in schemas/, by name.
func schemaFilesOnDisk() throws -> [String: String] {
    let dir = repositoryRoot.appendingPathComponent("schemas")
    var files: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".json") {
        files[name] = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }
    return files
}

/// Looks a provider up and fails the test with a message when it is missing.
func embedded(_ source: String) throws -> ProviderSchema {
    guard let schema = try ProviderSchemas.schema(forSource: source) else {
        throw TestFailure("no embedded schema for \(source)")
    }
    return schema
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension ProviderSchema {
    func resource(_ name: String) throws -> Block {
        guard let r = resourceSchemas[name] else { throw TestFailure("\(address) has no resource \(name)") }
        return r.block
    }

    func dataSource(_ name: String) throws -> Block {
        guard let d = dataSourceSchemas[name] else { throw TestFailure("\(address) has no data source \(name)") }
        return d.block
    }
}

extension ProviderSchema.Block {
    func attribute(_ name: String) throws -> ProviderSchema.Attribute {
        guard let a = attributes[name] else { throw TestFailure("no attribute \(name); have \(attributeNames)") }
        return a
    }

    func nested(_ name: String) throws -> ProviderSchema.NestedBlock {
        guard let b = blockTypes[name] else { throw TestFailure("no block type \(name); have \(blockTypeNames)") }
        return b
    }
}
