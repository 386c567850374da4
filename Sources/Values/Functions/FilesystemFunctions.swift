import Foundation

// The filesystem family: reading files relative to the module directory,
// Go's path manipulation rules, and templatefile.

extension FunctionTable {
    public static let filesystemFamily: [String: Function] = [
        "abspath": Function(parameters: [FunctionParameter("path", .string)], returns: .string) { args, context in
            let p = args[0].str
            if p.hasPrefix("/") { return .string(FileAccess.clean(p)) }
            let base = context.baseDirectory.hasPrefix("/") ? context.baseDirectory
                : FileAccess.join(FileManager.default.currentDirectoryPath, context.baseDirectory)
            return .string(FileAccess.join(base, p))
        },
        "dirname": Function(parameters: [FunctionParameter("path", .string)], returns: .string) { args, _ in
            .string(FileAccess.dir(args[0].str))
        },
        "basename": Function(parameters: [FunctionParameter("path", .string)], returns: .string) { args, _ in
            .string(FileAccess.base(args[0].str))
        },
        "pathexpand": Function(parameters: [FunctionParameter("path", .string)], returns: .string) { args, _ in
            do { return .string(try FileAccess.expandHome(args[0].str)) } catch {
                throw FunctionCallError("cannot expand user-specific home dir")
            }
        },
        "file": Function(parameters: [FunctionParameter("path", .string)], returns: .string) { args, context in
            let path = args[0].str
            let bytes = try readForFunction(path, context)
            guard let text = TextEncoding.utf8.decode(bytes) else {
                throw FunctionCallError("contents of \(GoQuote.quote(path)) are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead")
            }
            return .string(text)
        },
        "filebase64": Function(parameters: [FunctionParameter("path", .string)], returns: .string) { args, context in
            .string(GoBase64.encode(try readForFunction(args[0].str, context)))
        },
        "fileexists": Function(parameters: [FunctionParameter("path", .string)], returns: .bool) { args, context in
            let full: String
            do { full = try FileAccess.resolve(args[0].str, base: context.baseDirectory) } catch {
                throw FunctionCallError("cannot expand user-specific home dir")
            }
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir) else { return .false }
            if isDir.boolValue {
                throw FunctionCallError("\(GoQuote.quote(FileAccess.clean(args[0].str))) is a directory, not a file")
            }
            return .true
        },
        "fileset": Function(
            parameters: [FunctionParameter("path", .string), FunctionParameter("pattern", .string)], returns: .set(.string)
        ) { args, context in
            let root: String
            do { root = try FileAccess.resolve(args[0].str, base: context.baseDirectory) } catch {
                throw FunctionCallError("cannot expand user-specific home dir")
            }
            do {
                let found = try FileGlob.files(root: root, pattern: args[1].str)
                return .set(found.map { Value.string($0) }, elementType: .string)
            } catch is FileGlob.SyntaxError {
                throw FunctionCallError("failed to glob pattern \(GoQuote.quote(args[1].str)): syntax error in pattern")
            }
        },
        "templatefile": Function(
            parameters: [FunctionParameter("path", .string), FunctionParameter("vars", .dynamic, allowDynamicType: true)],
            returns: .dynamic
        ) { args, context in
            let path = args[0].str
            let bytes = try readForFunction(path, context)
            guard let source = TextEncoding.utf8.decode(bytes) else {
                throw FunctionCallError("contents of \(GoQuote.quote(path)) are not valid UTF-8")
            }
            let vars = try TemplateRendering.variables(args[1])
            do {
                return try TemplateRendering.render(source, filename: path, vars: vars, context: context)
            } catch let failure as TemplateRendering.Failure {
                switch failure {
                case .syntax(let m), .evaluation(let m): throw FunctionCallError(m + ".")
                case .missingVariable(let m): throw FunctionArgumentError(argument: 1, m)
                }
            }
        },
    ]

    static func readForFunction(_ path: String, _ context: FunctionCallContext) throws -> [UInt8] {
        switch FileAccess.read(path, base: context.baseDirectory) {
        case .success(let b): return b
        case .failure(let e):
            switch e {
            case .missing:
                throw FunctionArgumentError(argument: 0, "no file exists at \(GoQuote.quote(path)); this function works only with files that are distributed as part of the configuration source code, so if this file will be created by a resource in this configuration you must instead obtain this result from an attribute of that resource")
            case .directory:
                throw FunctionArgumentError(argument: 0, "failed to read file: read \(path): is a directory")
            case .homeUser:
                throw FunctionCallError("cannot expand user-specific home dir")
            case .other(let m):
                throw FunctionArgumentError(argument: 0, "failed to read file: \(m)")
            }
        }
    }
}
