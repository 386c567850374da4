import HCL
import JSON

/// State format versions 1–3 (Terraform 0.11 and earlier).
enum LegacyStateUpgrade {
    static func read(_ doc: JSONValue, version: Int) -> StateReadResult {
        // Terraform upgrades these formats in memory; Terraswift does not carry that
        // upgrade yet, so it refuses rather than guessing at the old layout.
        .failed(Diagnostics([.error(StateFileReader.unsupportedFormat,
            "The state file uses format version \(version), from Terraform 0.11 or earlier. Terraswift cannot upgrade it yet: run any Terraform command from v0.12 through v1.11 against this state once to upgrade it to format version 4.")]))
    }
}
