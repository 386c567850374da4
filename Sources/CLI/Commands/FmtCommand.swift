import Foundation
import HCL

/// `fmt`: rewrites configuration files in canonical style, with terraform's
/// flags, file selection, output lines and exit codes (0 ok, 2 errors, 3 when
/// `-check` finds files to change).
struct FmtCommand: Command {
    static let path = ["fmt"]
    static let synopsis = "Reformat your configuration in the standard style"
    // Terraform's text, including the trailing spaces two of its lines carry.
    static let usage = """
    Usage: terraform [global options] fmt [options] [target...]

      Rewrites all Terraform configuration files to a canonical format. All
      configuration files (.tf), variables files (.tfvars), and testing files\u{20}
      (.tftest.hcl) are updated. JSON files (.tf.json, .tfvars.json, or\u{20}
      .tftest.json) are not modified.

      By default, fmt scans the current directory for configuration files. If you
      provide a directory for the target argument, then fmt will scan that
      directory instead. If you provide a file, then fmt will process just that
      file. If you provide a single dash ("-"), then fmt will read from standard
      input (STDIN).

      The content must be in the Terraform language native syntax; JSON is not
      supported.

    Options:

      -list=false    Don't list files whose formatting differs
                     (always disabled if using STDIN)

      -write=false   Don't write to source files
                     (always disabled if using STDIN or -check)

      -diff          Display diffs of formatting changes

      -check         Check if the input is formatted. Exit status will be 0 if all
                     input is properly formatted and non-zero otherwise.

      -no-color      If specified, output won't contain any color.

      -recursive     Also process files in subdirectories. By default, only the
                     given directory (or current directory) is processed.

    """

    static let supportedExtensions = [".tf", ".tfvars", ".tftest.hcl", ".tfmock.hcl"]

    static func run(_ ctx: CommandContext, _ arguments: [String]) -> Int32 {
        // Like terraform, `-no-color` is taken out wherever it appears before
        // the remaining flags are parsed.
        var color = true
        let args = arguments.filter { arg in
            if arg == "-no-color" { color = false; return false }
            return true
        }
        var flags = FlagSet(command: "fmt")
        flags.bool("list", default: true)
        flags.bool("write", default: true)
        flags.bool("diff")
        flags.bool("check")
        flags.bool("recursive")
        let parsed: ParsedFlags
        switch ctx.parseFlagsLegacy(flags, args, for: Self.self, color: color) {
        case .parsed(let p): parsed = p
        case .exit(let code): return code
        }

        var run = FmtRun(ctx: ctx, list: parsed.bool("list"), write: parsed.bool("write"),
                         diff: parsed.bool("diff"), recursive: parsed.bool("recursive"))
        let targets = parsed.positional
        var paths: [String] = []
        if targets.isEmpty {
            paths = ["."]
        } else if targets[0] == "-" {
            run.list = false
            run.write = false
        } else {
            paths = targets
        }
        let check = parsed.bool("check")
        let listRequested = run.list
        if check {
            run.list = true
            run.write = false
            run.buffering = true
        }

        run.process(paths)
        run.showDiagnostics(color: color)
        if run.diagnostics.hasErrors { return 2 }
        if check {
            if listRequested && !run.buffer.isEmpty { run.uiWrite(run.buffer, direct: true) }
            return run.buffer.isEmpty ? 0 : 3
        }
        return 0
    }
}

/// One invocation's state: options, the diagnostics collected, the sources
/// read (for snippets), and under `-check` the output held back.
struct FmtRun {
    let ctx: CommandContext
    var list: Bool
    var write: Bool
    var diff: Bool
    var recursive: Bool
    var buffering = false
    var buffer: [UInt8] = []
    var diagnostics = Diagnostics()
    var sources = SourceFiles()

    init(ctx: CommandContext, list: Bool, write: Bool, diff: Bool, recursive: Bool) {
        self.ctx = ctx
        self.list = list
        self.write = write
        self.diff = diff
        self.recursive = recursive
    }

    mutating func process(_ paths: [String]) {
        if paths.isEmpty {
            if write {
                diagnostics += .error("Option -write cannot be used when reading from stdin")
                return
            }
            var input: [UInt8] = []
            while let line = ctx.readLine() {
                input.append(contentsOf: line.utf8)
                input.append(0x0A)
            }
            processFile(path: "<stdin>", source: input, diskPath: nil)
            return
        }
        for given in paths {
            let path = FmtPaths.normalize(given, workingDirectory: ctx.workingDirectory)
            let absolute = ctx.path(path)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDir) else {
                diagnostics += .error("No file or directory at \(path)")
                return
            }
            if isDir.boolValue {
                processDirectory(path)
            } else if FmtCommand.supportedExtensions.contains(where: { path.hasSuffix($0) }) {
                guard let data = FileManager.default.contents(atPath: absolute) else {
                    diagnostics += .error("Failed to read file \(path)")
                    continue
                }
                processFile(path: FmtPaths.normalize(path, workingDirectory: ctx.workingDirectory), source: [UInt8](data), diskPath: absolute)
            } else {
                diagnostics += .error("Only .tf, .tfvars, and .tftest.hcl files can be processed with terraform fmt")
            }
        }
    }

    mutating func processDirectory(_ path: String) {
        let absolute = ctx.path(path)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: absolute) else {
            if !FileManager.default.fileExists(atPath: absolute) {
                diagnostics += .error("There is no configuration directory at \(path)")
            } else {
                diagnostics += .error("Cannot read directory \(path)")
            }
            return
        }
        // Go's os.ReadDir order: by name, bytewise.
        for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            if name.hasPrefix(".") || name.hasSuffix("~") || (name.hasPrefix("#") && name.hasSuffix("#")) { continue }
            let sub = FmtPaths.join(path, name)
            let subAbsolute = absolute + "/" + name
            // A directory entry is judged as itself: symlinks to directories are not followed.
            let attributes = try? FileManager.default.attributesOfItem(atPath: subAbsolute)
            if (attributes?[.type] as? FileAttributeType) == .typeDirectory {
                if recursive { processDirectory(sub) }
                continue
            }
            guard FmtCommand.supportedExtensions.contains(where: { name.hasSuffix($0) }) else { continue }
            guard let data = FileManager.default.contents(atPath: subAbsolute) else {
                diagnostics += .error("Failed to read file \(sub)")
                continue
            }
            processFile(path: FmtPaths.normalize(sub, workingDirectory: ctx.workingDirectory), source: [UInt8](data), diskPath: subAbsolute)
        }
    }

    mutating func processFile(path: String, source: [UInt8], diskPath: String?) {
        let (result, diags) = Formatter.format(source, filename: path)
        if !diags.isEmpty {
            // Snippets need the source (and its block headers) only when there is something to show.
            sources[path] = Formatter.sourceEntry(source, filename: path)
        }
        diagnostics += diags
        if diags.hasErrors { return }
        if result != source {
            if list { uiWrite(Array((path + "\n").utf8)) }
            if write, let diskPath {
                guard FileManager.default.createFile(atPath: diskPath, contents: Data(result)) else {
                    diagnostics += .error("Failed to write \(path)")
                    return
                }
            }
            if diff {
                switch FmtDiff.unified(old: source, new: result, path: path) {
                case .success(let text): uiWrite(text)
                case .failure(let message):
                    diagnostics += .error("Failed to generate diff for \(path): \(message)")
                    return
                }
            }
        }
        if !list && !write && !diff {
            uiWrite(result)
        }
    }

    /// Terraform writes through its UI, which drops one trailing newline of
    /// each chunk and ends every chunk with one.
    mutating func uiWrite(_ bytes: [UInt8], direct: Bool = false) {
        if buffering && !direct {
            buffer.append(contentsOf: bytes)
            return
        }
        var chunk = bytes[...]
        if chunk.last == 0x0A { chunk = chunk.dropLast() }
        ctx.out(String(decoding: chunk, as: UTF8.self) + "\n")
    }

    func showDiagnostics(color: Bool) {
        let sorted = FmtDiagnosticView.sorted(diagnostics)
        for d in sorted {
            let text = FmtDiagnosticView.render(d, sources: sources, color: color)
            if d.severity == .error { ctx.err(text) } else { ctx.out(text) }
        }
    }
}

/// Paths as terraform prints them: relative to the working directory when
/// possible, cleaned like Go's filepath.Clean.
enum FmtPaths {
    static func clean(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !absolute {
                    parts.append(part)
                }
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    static func join(_ a: String, _ b: String) -> String {
        clean(a + "/" + b)
    }

    static func normalize(_ given: String, workingDirectory: String) -> String {
        let base = clean(workingDirectory)
        let target = given.hasPrefix("/") ? clean(given) : clean(base + "/" + given)
        let baseParts = base.split(separator: "/")
        let targetParts = target.split(separator: "/")
        var common = 0
        while common < baseParts.count && common < targetParts.count && baseParts[common] == targetParts[common] {
            common += 1
        }
        let ups = Array(repeating: "..", count: baseParts.count - common)
        let rest = targetParts[common...].map(String.init)
        let parts = ups + rest
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}

/// `-diff` output: terraform runs `diff -u` with old/ and new/ labels, and so
/// does this, for identical hunks.
enum FmtDiff {
    static func unified(old: [UInt8], new: [UInt8], path: String) -> Result<[UInt8], DiffError> {
        let dir = FileManager.default.temporaryDirectory
        let a = dir.appendingPathComponent("terraswift-fmt-\(UUID().uuidString)")
        let b = dir.appendingPathComponent("terraswift-fmt-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        do {
            try Data(old).write(to: a)
            try Data(new).write(to: b)
        } catch {
            return .failure(DiffError(message: "\(error)"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["diff", "--label=old/" + path, "--label=new/" + path, "-u", a.path, b.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            return .failure(DiffError(message: "\(error)"))
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if data.isEmpty && process.terminationStatus != 0 {
            return .failure(DiffError(message: "exit status \(process.terminationStatus)"))
        }
        return .success([UInt8](data))
    }

    struct DiffError: Error {
        var message: String
    }
}

/// fmt still prints diagnostics through terraform's older UI layer, which
/// wraps each rendered diagnostic in one more colour span.
enum FmtDiagnosticView {
    static func sorted(_ diags: Diagnostics) -> [Diagnostic] {
        let items = Array(diags.items.enumerated())
        return items.sorted { x, y in
            let i = x.element, j = y.element
            if i.severity != j.severity { return i.severity == .warning }
            if (i.subject == nil) != (j.subject == nil) { return i.subject == nil }
            if let a = i.subject, let b = j.subject, a != b {
                if a.filename != b.filename {
                    let ac = a.filename.filter { $0 == "/" }.count, bc = b.filename.filter { $0 == "/" }.count
                    if ac != bc { return ac < bc }
                    return a.filename < b.filename
                }
                if a.start.byte != b.start.byte { return a.start.byte < b.start.byte }
                if a.end.byte != b.end.byte { return a.end.byte < b.end.byte }
            }
            return x.offset < y.offset
        }.map(\.element)
    }

    static func render(_ d: Diagnostic, sources: SourceFiles, color: Bool) -> String {
        guard color else {
            return DiagnosticRenderer(sources: sources, color: false).render(d) + "\n"
        }
        // The boxed form, with the resets terraform's colour library adds at
        // the end of every coloured fragment.
        let boxed = DiagnosticRenderer(sources: sources, color: true, style: .boxed).render(d)
        var lines = boxed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        // With neither snippet nor detail, the reset after the summary still
        // makes a line of its own.
        if lines.count == 4 { lines.insert("", at: 3) }
        let red = d.severity == .error ? "\u{1B}[31m" : "\u{1B}[33m"
        let reset = "\u{1B}[0m"
        var out = ""
        for (n, line) in lines.enumerated() {
            if n == 0 {
                out += line + reset + "\n"
            } else if n == lines.count - 1 {
                out += line + reset + "\n"
            } else {
                var content = line
                for prefix in [red + "│" + reset + " ", red + "│" + reset] where content.hasPrefix(prefix) {
                    content = String(content.dropFirst(prefix.count))
                    break
                }
                if n == 1 {
                    content = content.replacingOccurrences(of: "Error: " + reset, with: "Error: " + reset + reset)
                        .replacingOccurrences(of: "Warning: " + reset, with: "Warning: " + reset + reset)
                }
                if n == 3 { content = reset + content }
                out += red + "│" + reset + " " + reset + content + "\n"
            }
        }
        return (d.severity == .error ? "\u{1B}[31m" : "\u{1B}[33m") + out + reset + reset + "\n"
    }
}
