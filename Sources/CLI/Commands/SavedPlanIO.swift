import Engine
import Foundation
import HCL
import State
import Values

/// Writing and reading saved plans for `plan -out`, `apply FILE` and `show FILE`.
enum SavedPlanIO {
    /// Writes the plan file; an error diagnostic when it cannot.
    static func write(_ saved: SavedPlan, to path: String, _ ctx: CommandContext) -> Diagnostics {
        // Plans hold variable values and state (possibly secrets): owner-only, as terraform's are 0600.
        switch LocalFile.writeAtomically(ctx.path(path), saved.bytes(), newFileMode: 0o600) {
        case .success: return Diagnostics()
        case .failure(let e):
            return Diagnostics([.error("Failed to write plan file", "The plan file could not be written: \(e).")])
        }
    }

    static func nextStep(_ path: String) -> String {
        """

        \(Operation.separator)

        Saved the plan to: \(path)

        To perform exactly these actions, run the following command to apply:
            terraform apply \(GoQuote.quote(path))

        """
    }

    enum ReadResult {
        case plan(SavedPlan)
        case notAPlan([UInt8])
        case failed(Diagnostics)
    }

    /// Reads `path` as a saved plan; `.notAPlan` hands back the bytes for other readers (a state file).
    static func read(_ path: String, _ ctx: CommandContext) -> ReadResult {
        let bytes: [UInt8]
        guard FileManager.default.fileExists(atPath: ctx.path(path)) else {
            return .failed(Diagnostics([.error("Failed to load \"\(path)\" as a plan file", "Error: stat \(path): no such file or directory")]))
        }
        switch LocalFile.read(ctx.path(path)) {
        case .success(let b): bytes = b
        case .failure(let e):
            return .failed(Diagnostics([.error("Failed to load \"\(path)\" as a plan file", "Error: \(e)")]))
        }
        guard SavedPlan.isPlanFile(bytes) else { return .notAPlan(bytes) }
        switch SavedPlan.read(bytes, registry: BuiltinProviders.registry()) {
        case .success(let p): return .plan(p)
        case .failure(let message):
            return .failed(Diagnostics([.error("Failed to read plan from plan file", "Failed to read plan from plan file: \(message).")]))
        }
    }
}
