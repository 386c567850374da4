import Config
import Engine
import Foundation

/// terraform's progress ticker: while an object is being created, changed or
/// destroyed, a line every 10 seconds (`Still creating... [10s elapsed]` for
/// people, `apply_progress` in the JSON stream). Times are whole seconds from
/// the start rounded to a second, as terraform rounds them.
final class ProgressHeartbeat: @unchecked Sendable {
    static let defaultInterval: TimeInterval = 10

    typealias Tick = (_ address: AbsResourceInstance, _ action: ChangeAction, _ elapsed: Int) -> Void

    private let interval: TimeInterval
    private let tick: Tick
    private let lock = NSLock()
    private var running: [AbsResourceInstance: (timer: DispatchSourceTimer, started: Date)] = [:]
    private let queue = DispatchQueue(label: "terraswift.progress")

    init(interval: TimeInterval = ProgressHeartbeat.defaultInterval, tick: @escaping Tick) {
        self.interval = interval
        self.tick = tick
    }

    deinit {
        lock.lock()
        for (_, r) in running { r.timer.cancel() }
        running = [:]
        lock.unlock()
    }

    static func rounded(_ d: Date) -> TimeInterval { d.timeIntervalSince1970.rounded() }

    func start(_ address: AbsResourceInstance, action: ChangeAction) {
        let started = Date()
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            self.lock.lock()
            let live = self.running[address] != nil
            self.lock.unlock()
            guard live else { return }
            let elapsed = Int(ProgressHeartbeat.rounded(Date()) - ProgressHeartbeat.rounded(started))
            self.tick(address, action, elapsed)
        }
        lock.lock()
        running[address]?.timer.cancel()
        running[address] = (timer, started)
        lock.unlock()
        timer.resume()
    }

    /// Stops the ticks of `address`; returns whole seconds since its start (nil when it was not running).
    @discardableResult
    func stop(_ address: AbsResourceInstance) -> Int? {
        lock.lock()
        let r = running.removeValue(forKey: address)
        lock.unlock()
        guard let r else { return nil }
        r.timer.cancel()
        // A tick already running finishes before the caller prints its closing line.
        queue.sync {}
        return Int(ProgressHeartbeat.rounded(Date()) - ProgressHeartbeat.rounded(r.started))
    }

    /// Go's time.Duration text for whole seconds: `10s`, `1m0s`, `1h2m3s`.
    static func goDuration(_ seconds: Int) -> String {
        let h = seconds / 3600, m = (seconds % 3600) / 60, s = seconds % 60
        if h > 0 { return "\(h)h\(m)m\(s)s" }
        if m > 0 { return "\(m)m\(s)s" }
        return "\(s)s"
    }

    /// The `Still ...` verb terraform's hooks use for an action.
    static func stillVerb(_ action: ChangeAction) -> String {
        switch action {
        case .create: return "creating"
        case .update: return "modifying"
        case .delete: return "destroying"
        case .read: return "reading"
        default: return "applying"
        }
    }
}
