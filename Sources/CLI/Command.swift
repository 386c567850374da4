import Foundation
import HCL

/// One terraswift subcommand. Commands are thin: parse flags, call the layers
/// below, render what they return through the context.
public protocol Command {
    /// The words that select it after the global options, e.g. `["fmt"]`, `["state", "list"]`.
    static var path: [String] { get }
    /// One line for the command listing.
    static var synopsis: String { get }
    /// The full help text, printed for `-help` and after flag errors.
    static var usage: String { get }
    /// Runs with the arguments after the command words; returns the exit code.
    static func run(_ ctx: CommandContext, _ args: [String]) -> Int32
}

/// Everything a command may touch of the outside world, so tests can drive
/// commands in-process with captured output.
public final class CommandContext: @unchecked Sendable {
    /// Absolute path of the directory the command works in (after `-chdir`).
    public let workingDirectory: String
    public let environment: [String: String]
    /// The name the program was invoked as (`terraswift` or `terraform`), for help texts.
    public let programName: String
    private let writeOut: (String) -> Void
    private let writeErr: (String) -> Void
    private let readInput: () -> String?
    private let readAllInput: () -> [UInt8]
    public let stdinIsTerminal: Bool
    /// True for the real program: operations handle Ctrl-C (SIGINT/SIGTERM) as terraform does.
    public var handlesSignals = false
    /// `TF_IN_AUTOMATION` set (to anything): the next-step hints meant for a person at a shell are left out, as terraform does.
    public var inAutomation: Bool { !(environment["TF_IN_AUTOMATION"] ?? "").isEmpty }

    public init(workingDirectory: String, environment: [String: String], programName: String = "terraform",
                stdinIsTerminal: Bool = false,
                out: @escaping (String) -> Void, err: @escaping (String) -> Void, readLine: @escaping () -> String?,
                readAll: (() -> [UInt8])? = nil) {
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.programName = programName
        self.stdinIsTerminal = stdinIsTerminal
        self.writeOut = out
        self.writeErr = err
        self.readInput = readLine
        self.readAllInput = readAll ?? {
            var bytes: [UInt8] = []
            while let line = readLine() {
                bytes.append(contentsOf: line.utf8)
                bytes.append(0x0A)
            }
            return bytes
        }
    }

    public func out(_ text: String) { writeOut(text) }
    public func err(_ text: String) { writeErr(text) }
    public func readLine() -> String? { readInput() }
    /// The rest of standard input as raw bytes.
    public func readAll() -> [UInt8] { readAllInput() }

    /// Resolves a path given by the user against the working directory.
    public func path(_ p: String) -> String {
        if p.hasPrefix("/") { return p }
        if p == "." || p.isEmpty { return workingDirectory }
        return workingDirectory + "/" + p
    }

    /// Writes diagnostics to stderr (errors) or stdout (warnings) as terraform does.
    public func render(_ diagnostics: Diagnostics, color: Bool, sources: SourceFiles, style: DiagnosticRenderer.Style = .boxed) {
        let renderer = DiagnosticRenderer(sources: sources, color: color, style: style)
        // terraform's views sort before printing (JSON documents keep the found order).
        for d in diagnostics.sortedForDisplay {
            let text = renderer.render(d)
            if d.severity == .error { err(text) } else { out(text) }
        }
    }

    /// Terraform's coloured UI error line (`[red]message[reset]`).
    public func uiError(_ message: String, color: Bool) {
        if color {
            err("\u{1B}[31m\(message)\u{1B}[0m\u{1B}[0m\n")
        } else {
            err(message + "\n")
        }
    }

    /// Parses flags the way most terraform commands report failures: a
    /// "Failed to parse command-line flags" diagnostic and a pointer to `-help`.
    /// Returns `.exit(code)` after printing help or the error.
    public func parseFlags<C: Command>(_ flags: FlagSet, _ args: [String], for command: C.Type,
                                       color: Bool, helpPrompt: Bool = true) -> FlagOutcome {
        switch flags.parse(args) {
        case .success(let parsed):
            return .parsed(parsed)
        case .failure(let error) where error.isHelp:
            out(C.usage.replacingProgramName(programName))
            return .exit(0)
        case .failure(let error):
            render(Diagnostics([.error("Failed to parse command-line flags", error.message)]), color: color, sources: SourceFiles())
            if helpPrompt { err(Self.helpPrompt(C.path.joined(separator: " "))) }
            return .exit(1)
        }
    }

    /// terraform's pointer to a command's help after a usage error; it names
    /// "terraform" whatever the program is called.
    public static func helpPrompt(_ command: String) -> String {
        "\nFor more help on using this command, run:\n  terraform \(command) -help\n"
    }

    /// The older style some commands (fmt, version, state subcommands) use for flag errors:
    /// the usage text, then "Error parsing command-line flags: ..." in red.
    public func parseFlagsLegacy<C: Command>(_ flags: FlagSet, _ args: [String], for command: C.Type,
                                             color: Bool = true) -> FlagOutcome {
        switch flags.parse(args) {
        case .success(let parsed):
            return .parsed(parsed)
        case .failure(let error) where error.isHelp:
            out(C.usage.replacingProgramName(programName))
            return .exit(0)
        case .failure(let error):
            uiError(C.usage.replacingProgramName(programName).trimmingTrailingNewlines(), color: color)
            uiError("Error parsing command-line flags: \(error.message)\n", color: color)
            return .exit(1)
        }
    }
}

extension String {
    /// Help texts are written with `terraform` as the program name.
    func replacingProgramName(_ name: String) -> String {
        name == "terraform" ? self : replacingOccurrences(of: "terraform ", with: "\(name) ")
    }

    func trimmingTrailingNewlines() -> String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}

/// What parsing a command's flags came to: values to run with, or an exit code
/// after help or an error was printed.
public enum FlagOutcome {
    case parsed(ParsedFlags)
    case exit(Int32)
}
