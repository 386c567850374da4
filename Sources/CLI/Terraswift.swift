import Foundation
import HCL

/// The program's entry: global options, `TF_CLI_ARGS*`, `-chdir`, command
/// selection. Everything is passed in so tests can run it in-process.
public enum Terraswift {
    public static let version = "0.1.0"
    /// The terraform release whose behaviour, formats and flags this build matches.
    public static let terraformVersion = "1.11.4"

    public struct IO {
        public var out: (String) -> Void
        public var err: (String) -> Void
        public var readLine: () -> String?
        /// All of standard input as bytes, untouched (CRLF and invalid UTF-8 kept).
        public var readAll: () -> [UInt8]
        public var stdinIsTerminal: Bool
        /// Set for the process's own streams: operations then handle SIGINT/SIGTERM.
        public var handlesSignals = false

        public init(out: @escaping (String) -> Void, err: @escaping (String) -> Void,
                    readLine: @escaping () -> String? = { nil }, readAll: (() -> [UInt8])? = nil,
                    stdinIsTerminal: Bool = false) {
            self.out = out
            self.err = err
            self.readLine = readLine
            self.readAll = readAll ?? {
                var bytes: [UInt8] = []
                while let line = readLine() {
                    bytes.append(contentsOf: line.utf8)
                    bytes.append(0x0A)
                }
                return bytes
            }
            self.stdinIsTerminal = stdinIsTerminal
        }

        /// The process's real standard streams.
        public static var standard: IO {
            var io = IO(out: { FileHandle.standardOutput.write(Data($0.utf8)) },
               err: { FileHandle.standardError.write(Data($0.utf8)) },
               readLine: { Swift.readLine(strippingNewline: true) },
               readAll: { Array(FileHandle.standardInput.readDataToEndOfFile()) },
               stdinIsTerminal: isatty(0) != 0)
            io.handlesSignals = true
            return io
        }
    }

    /// Runs the program. `arguments` excludes the program name.
    public static func run(programName: String = "terraform", arguments: [String], environment: [String: String],
                           workingDirectory: String, io: IO) -> Int32 {
        var args = arguments
        var directory = workingDirectory

        // Global options come before the subcommand.
        var showHelp = false
        var showVersion = false
        while let first = args.first, first.hasPrefix("-") {
            let name = first.drop(while: { $0 == "-" })
            if name.hasPrefix("chdir=") || name == "chdir" {
                var target: String
                if name == "chdir" {
                    guard args.count > 1 else {
                        io.err("Invalid -chdir option: must include an equals sign followed by a directory path, like -chdir=example\n")
                        return 1
                    }
                    // terraform only accepts the -chdir=DIR form
                    io.err("Invalid -chdir option: must include an equals sign followed by a directory path, like -chdir=example\n")
                    return 1
                } else {
                    target = String(name.dropFirst("chdir=".count))
                }
                if !target.hasPrefix("/") { target = directory + "/" + target }
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: target, isDirectory: &isDir), isDir.boolValue else {
                    let reason = FileManager.default.fileExists(atPath: target) ? "not a directory" : "no such file or directory"
                    io.err("Error handling -chdir option: chdir \(name.dropFirst("chdir=".count)): \(reason)\n")
                    return 1
                }
                directory = URL(fileURLWithPath: target).standardizedFileURL.path
                args.removeFirst()
            } else if name == "help" || name == "h" {
                showHelp = true
                args.removeFirst()
            } else if name == "version" || name == "v" {
                showVersion = true
                args.removeFirst()
            } else {
                break
            }
        }
        if showVersion && !showHelp {
            args.insert("version", at: 0)
        }

        // Longest run of leading words that names a command.
        let (command, consumed) = CommandTable.lookup(args)

        // TF_CLI_ARGS and TF_CLI_ARGS_<command> are inserted right after the command words.
        if let command {
            let commandName = command.path.joined(separator: " ")
            for envName in ["TF_CLI_ARGS", "TF_CLI_ARGS_" + command.path.joined(separator: "_")] {
                guard let raw = environment[envName], !raw.isEmpty else { continue }
                let extra: [String]
                do {
                    extra = try ShellWords.split(raw)
                } catch {
                    io.err("Error parsing extra CLI args from \(envName): \(error)\n")
                    return 1
                }
                let search = commandName.split(separator: " ").last.map(String.init) ?? commandName
                let index = (args.firstIndex(of: search) ?? -1) + 1
                args.insert(contentsOf: extra, at: index)
            }
        }

        if args.isEmpty || (showHelp && command == nil) {
            io.out(CommandTable.helpText(programName: programName))
            return args.isEmpty && !showHelp ? 127 : 0
        }

        guard let command else {
            let name = args[0]
            if CommandTable.topLevelNames.contains(name) {
                io.err("Error: the \"\(name)\" command is not implemented in Terraswift v\(version) yet.\n")
                return 1
            }
            // terraform's text, names included, so scripts matching it keep working
            var message = "Terraform has no command named \"\(name)\"."
            if let suggestion = nameSuggestion(name, CommandTable.topLevelNames) {
                message += " Did you mean \"\(suggestion)\"?"
            }
            io.err(message + "\n\nTo see all of Terraform's top-level commands, run:\n  terraform -help\n\n")
            return 1
        }

        let ctx = CommandContext(workingDirectory: directory, environment: environment, programName: programName,
                                 stdinIsTerminal: io.stdinIsTerminal, out: io.out, err: io.err, readLine: io.readLine,
                                 readAll: io.readAll)
        ctx.handlesSignals = io.handlesSignals
        var rest = Array(args[consumed...])
        if showHelp { rest = ["-help"] }
        return command.run(ctx, rest)
    }
}

/// Splits a string into words the way a POSIX shell would (quotes and backslashes),
/// for `TF_CLI_ARGS`.
enum ShellWords {
    struct UnterminatedQuote: Error, CustomStringConvertible {
        var description: String { "invalid command line string" }
    }

    static func split(_ s: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for ch in s {
            if escaped {
                current.append(ch)
                escaped = false
                inWord = true
                continue
            }
            if ch == "\\" && quote != "'" {
                escaped = true
                continue
            }
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
                continue
            }
            if ch == "'" || ch == "\"" {
                quote = ch
                inWord = true
            } else if ch == " " || ch == "\t" || ch == "\n" {
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            } else {
                current.append(ch)
                inWord = true
            }
        }
        if quote != nil || escaped { throw UnterminatedQuote() }
        if inWord { words.append(current) }
        return words
    }
}
