import Foundation
@testable import CLI

/// Runs the CLI in-process and captures what it prints.
struct CLIRun {
    var code: Int32
    var out: String
    var err: String
}

final class Capture: @unchecked Sendable {
    var out = ""
    var err = ""
}

func runCLI(_ args: [String], env: [String: String] = [:], in directory: String = FileManager.default.currentDirectoryPath,
            programName: String = "terraform") -> CLIRun {
    let capture = Capture()
    let io = Terraswift.IO(out: { capture.out += $0 }, err: { capture.err += $0 })
    let code = Terraswift.run(programName: programName, arguments: args, environment: env, workingDirectory: directory, io: io)
    return CLIRun(code: code, out: capture.out, err: capture.err)
}

/// The terraform binary to compare against, if this machine has it.
let terraformPath: String? = {
    for p in ["/usr/local/bin/terraform", "/usr/bin/terraform"] where FileManager.default.isExecutableFile(atPath: p) {
        return p
    }
    return nil
}()

func runTerraform(_ args: [String], in directory: String, env extra: [String: String] = [:]) -> CLIRun? {
    guard let terraformPath else { return nil }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: terraformPath)
    p.arguments = args
    p.currentDirectoryURL = URL(fileURLWithPath: directory)
    var env = ProcessInfo.processInfo.environment
    env["TF_CLI_CONFIG_FILE"] = "/dev/null"
    for (k, v) in extra { env[k] = v }
    p.environment = env
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    do { try p.run() } catch { return nil }
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return CLIRun(code: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
}

func makeTempDir() -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("terraswift-cli-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}
