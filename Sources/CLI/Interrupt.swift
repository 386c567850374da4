import Dispatch
import Engine
import Foundation
import HCL

/// Ctrl-C (SIGINT) and SIGTERM during an operation, as terraform handles them:
/// the first asks the engine to stop gracefully (no new provider operation,
/// in-flight ones finish, state saved, "execution halted"); the second exits
/// at once, after releasing the state lock. State is already on disk for
/// every finished change, since the engine writes after each.
///
/// Installed only by the real program (`CommandContext.handlesSignals`), so
/// commands run in-process by tests keep the default signal behaviour.
final class OperationInterrupts: @unchecked Sendable {
    static let shared = OperationInterrupts()

    private let queue = DispatchQueue(label: "terraswift.interrupts")
    private var sources: [DispatchSourceSignal] = []
    private var received = 0
    private var ctx: CommandContext?
    private var interrupt: EngineInterrupt?
    /// Releases the state lock held by the running operation, if any.
    private var releaseLock: (() -> Void)?
    private var jsonUI = false

    static let interrupted = "\nInterrupt received.\nPlease wait for Terraform to exit or data loss may occur.\nGracefully shutting down...\n\n"
    static let fatal = "\nTwo interrupts received. Exiting immediately. Note that data loss may have occurred.\n\n"

    /// Starts handling signals for an operation; returns what the engine watches.
    func begin(_ ctx: CommandContext, json: Bool) -> EngineInterrupt {
        let interrupt = EngineInterrupt()
        queue.sync {
            self.ctx = ctx
            self.interrupt = interrupt
            self.received = 0
            self.jsonUI = json
            if sources.isEmpty {
                for sig in [SIGINT, SIGTERM] {
                    signal(sig, SIG_IGN)
                    let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
                    // Signals arriving close together are coalesced: `data` says how many came.
                    source.setEventHandler { [unowned self] in
                        for _ in 0..<max(1, Int(source.data)) { self.signalled() }
                    }
                    source.resume()
                    sources.append(source)
                }
            }
        }
        return interrupt
    }

    func holdingLock(_ release: @escaping () -> Void) {
        queue.sync { releaseLock = release }
    }

    func lockReleased() {
        queue.sync { releaseLock = nil }
    }

    /// Runs on `queue`.
    private func signalled() {
        received += 1
        guard let ctx else { return }
        if received == 1 {
            if !jsonUI {
                ctx.out(Self.interrupted)
                ctx.out("Stopping operation...\n")
            }
            interrupt?.stop()
            return
        }
        ctx.err(Self.fatal)
        releaseLock?()
        releaseLock = nil
        ctx.render(Diagnostics([.error("operation canceled")]), color: false, sources: SourceFiles())
        exit(1)
    }
}
