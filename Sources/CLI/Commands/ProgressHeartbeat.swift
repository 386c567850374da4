import Foundation

/// terraform's "Still creating... [10s elapsed]" timer: while an operation on
/// an instance runs (a slow provider call, a long local-exec command), a tick
/// every `interval` seconds with the whole seconds elapsed since it started
/// (both ends rounded to the second, as terraform rounds them).
final class ProgressHeartbeat: @unchecked Sendable {
    private let lock = NSLock()
    private var timers: [String: DispatchSourceTimer] = [:]
    let interval: TimeInterval

    init(interval: TimeInterval = 10) {
        self.interval = interval
    }

    deinit {
        for t in timers.values { t.cancel() }
    }

    func start(_ key: String, tick: @escaping @Sendable (Int) -> Void) {
        let begun = Date().timeIntervalSince1970.rounded()
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { tick(Int(Date().timeIntervalSince1970.rounded() - begun)) }
        lock.lock()
        timers[key]?.cancel()
        timers[key] = timer
        lock.unlock()
        timer.resume()
    }

    func stop(_ key: String) {
        lock.lock()
        let timer = timers.removeValue(forKey: key)
        lock.unlock()
        timer?.cancel()
    }

    /// Go's time.Duration text for whole seconds: "10s", "1m0s", "1h2m3s".
    static func duration(_ seconds: Int) -> String {
        let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
        if h > 0 { return "\(h)h\(m)m\(s)s" }
        if m > 0 { return "\(m)m\(s)s" }
        return "\(s)s"
    }
}
