import Config
import Foundation
import HCL
import JSON
import Values

struct VersionCommand: Command {
    static let path = ["version"]
    static let synopsis = "Print the version"
    static let usage = """
    Usage: terraform [global options] version [options]

      Prints the Terraform version this build is compatible with, the platform,
      and the providers selected in the dependency lock file, as terraform does.

    Options:

      -json       Print the same information as a JSON object.

    """

    static var platform: String {
        #if os(Linux)
        let os = "linux"
        #elseif os(macOS)
        let os = "darwin"
        #else
        let os = "unknown"
        #endif
        #if arch(x86_64)
        let arch = "amd64"
        #elseif arch(arm64)
        let arch = "arm64"
        #else
        let arch = "unknown"
        #endif
        return "\(os)_\(arch)"
    }

    static func run(_ ctx: CommandContext, _ args: [String]) -> Int32 {
        var flags = FlagSet(command: "version")
        flags.bool("json")
        let parsed: ParsedFlags
        switch ctx.parseFlagsLegacy(flags, args, for: Self.self) {
        case .parsed(let p): parsed = p
        case .exit(let code): return code
        }
        // As terraform: the providers selected in this directory's dependency lock file, if there is one.
        let selections = lockedProviders(ctx.workingDirectory + "/.terraform.lock.hcl")
        if parsed.bool("json") {
            let doc: JSONValue = .object([
                "terraform_version": .string(Terraswift.terraformVersion),
                "platform": .string(platform),
                "provider_selections": .object(selections.map { JSONMember(key: $0.0, value: .string($0.1)) }),
                "terraform_outdated": .bool(false),
            ])
            ctx.out(JSONWriter(indent: "  ").string(doc) + "\n")
        } else {
            var text = "Terraform v\(Terraswift.terraformVersion)\non \(platform)\n"
            for (address, version) in selections { text += "+ provider \(address) v\(version)\n" }
            ctx.out(text)
        }
        return 0
    }

    /// `provider "ADDRESS" { version = "X" }` blocks of a lock file, sorted by address; none when it is absent or unreadable.
    static func lockedProviders(_ path: String) -> [(String, String)] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let (file, diags) = Parser.parseFile(Array(data), filename: ".terraform.lock.hcl")
        if diags.hasErrors { return [] }
        var out: [(String, String)] = []
        for block in file.body.blocks where block.type == "provider" && block.labels.count == 1 {
            guard let attr = block.body.attributes.first(where: { $0.name == "version" }) else { continue }
            let (v, ds) = Evaluator.evaluate(attr.expression, in: .constantsOnly)
            if !ds.hasErrors, let version = v.stringValue { out.append((block.labels[0].value, version)) }
        }
        return out.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
    }
}
