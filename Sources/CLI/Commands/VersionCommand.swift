import Config
import JSON

struct VersionCommand: Command {
    static let path = ["version"]
    static let synopsis = "Print the version"
    static let usage = """
    Usage: terraform [global options] version [options]

      Prints the Terraform version this build is compatible with, the platform,
      and the Terraswift release.

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
        if parsed.bool("json") {
            let doc: JSONValue = .object([
                "terraform_version": .string(Terraswift.terraformVersion),
                "platform": .string(platform),
                "provider_selections": .object([]),
                "terraform_outdated": .bool(false),
                "terraswift_version": .string(Terraswift.version),
                "terraswift_native_providers": .object(NativeProviders.versions.keys.sorted().map {
                    JSONMember(key: $0, value: .string(NativeProviders.versions[$0]!))
                }),
            ])
            ctx.out(JSONWriter(indent: "  ").string(doc) + "\n")
        } else {
            var text = "Terraform v\(Terraswift.terraformVersion)\non \(platform)\n\nTerraswift v\(Terraswift.version) native providers (schemas and validation; plan/apply for terraform.io/builtin/terraform, hashicorp/random, hashicorp/local and hashicorp/null):\n"
            text += "+ provider \(NativeProviders.builtIn)\n"
            for address in NativeProviders.versions.keys.sorted() {
                text += "+ provider \(address) v\(NativeProviders.versions[address]!)\n"
            }
            ctx.out(text)
        }
        return 0
    }
}
