import Foundation
import HCL

/// A request to stop an operation, shared between whoever notices the
/// interrupt (the CLI's signal handler) and the engine. Thread-safe.
public final class EngineInterrupt: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private var providers: [ObjectIdentifier: Provider] = [:]

    public init() {}

    public var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    /// Graceful stop: no new provider operation starts, and every provider the
    /// engine configured is asked to finish its in-flight calls early.
    public func stop() {
        lock.lock()
        let first = !stopped
        stopped = true
        let toStop = Array(providers.values)
        lock.unlock()
        if first { for p in toStop { p.stop() } }
    }

    /// A provider configured after a stop is stopped at once.
    func register(_ p: Provider) {
        lock.lock()
        providers[ObjectIdentifier(p)] = p
        let already = stopped
        lock.unlock()
        if already { p.stop() }
    }
}

/// Dedicated threads for provider calls. Providers block (HTTP through libcurl),
/// so they must not occupy Swift's cooperative pool, which has as few threads
/// as cores; each of these threads runs one call at a time.
final class ProviderThreadPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [() -> Void] = []
    private var head = 0
    private var closed = false
    private var threads = 0
    private let size: Int

    init(size: Int) { self.size = max(1, size) }

    func run(_ job: @escaping () -> Void) {
        condition.lock()
        jobs.append(job)
        // Threads start as work arrives, up to `size`; they live until `close`.
        if threads < size {
            threads += 1
            let t = Thread { [self] in self.loop() }
            t.stackSize = 8 << 20
            t.start()
        }
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while head == jobs.count && !closed { condition.wait() }
            if head == jobs.count {
                condition.unlock()
                return
            }
            let job = jobs[head]
            head += 1
            if head > 1024 && head * 2 > jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job()
        }
    }

    /// Lets the threads end once the queue is empty.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Runs provider operations of one walk at most `limit` at a time on
/// dedicated threads, while the walk's own thread (the coordinator) keeps
/// every piece of engine state: evaluation scopes, the plan, the state
/// document, hooks and persistence. A job's `start` and `finish` run on the
/// coordinator, only its `work` (the provider call) runs elsewhere, so the
/// engine's bookkeeping needs no locks and progress lines come out whole.
/// Operations of providers that never wait run inline, on the coordinator:
/// a thread hand-off costs more than they do.
///
/// Jobs carry the tag of the graph node that submitted them; a node is
/// complete once all its jobs (including jobs its jobs' `finish` submitted)
/// have finished, and only then do the nodes depending on it run.
final class WalkScheduler {
    struct Job {
        var tag: Int
        var inline: Bool
        var start: () -> Void
        var work: () -> Void
        var finish: (inout Diagnostics) -> Void
    }

    let limit: Int
    let interrupt: EngineInterrupt?
    private let pool: ProviderThreadPool
    private var waiting: [Job] = []
    private var waitingHead = 0
    private var inFlight = 0
    private let mailbox = Mailbox()
    /// The tag new jobs get: the node being processed, or the node of the job being finished.
    var currentTag = 0
    private var outstanding: [Int: Int] = [:]
    private var finalizers: [Int: [(inout Diagnostics) -> Void]] = [:]
    /// Set on interrupt, by `stop()`, or (with `stopOnJobError`) on a job's error: queued jobs are dropped, in-flight jobs finish.
    private(set) var stopping = false
    /// Apply stops at the first failed operation; a plan lets queued operations finish.
    var stopOnJobError = true
    /// Called on the coordinator when a tag's last job has finished.
    var tagCompleted: ((Int) -> Void)?

    init(limit: Int, interrupt: EngineInterrupt?) {
        self.limit = max(1, limit)
        self.interrupt = interrupt
        self.pool = ProviderThreadPool(size: self.limit)
    }

    deinit { pool.close() }

    var interrupted: Bool { interrupt?.isStopped ?? false }

    /// Stops starting queued jobs.
    func stop() { stopping = true }

    func hasOutstanding(_ tag: Int) -> Bool { (outstanding[tag] ?? 0) > 0 }

    /// Queues a provider operation for the current tag. `start` runs on the
    /// coordinator right before `work` is handed to a thread (progress hooks
    /// go there, so "Creating..." is printed when the call really starts).
    /// With `inline`, `work` runs on the coordinator (for operations that never wait).
    func submit(inline: Bool = false, start: @escaping () -> Void = {}, work: @escaping () -> Void,
                finish: @escaping (inout Diagnostics) -> Void) {
        outstanding[currentTag, default: 0] += 1
        waiting.append(Job(tag: currentTag, inline: inline, start: start, work: work, finish: finish))
        pump()
    }

    /// Runs `body` on the coordinator when the current tag has no job left
    /// (at once if it has none).
    func whenDone(_ diags: inout Diagnostics, _ body: @escaping (inout Diagnostics) -> Void) {
        if hasOutstanding(currentTag) {
            finalizers[currentTag, default: []].append(body)
        } else {
            body(&diags)
        }
    }

    private func pump() {
        while inFlight < limit && waitingHead < waiting.count {
            if interrupted { stopping = true }
            if stopping { break }
            let job = waiting[waitingHead]
            waitingHead += 1
            if waitingHead == waiting.count {
                waiting.removeAll(keepingCapacity: true)
                waitingHead = 0
            }
            job.start()
            inFlight += 1
            let mailbox = self.mailbox
            if job.inline {
                job.work()
                mailbox.post(job)
                continue
            }
            pool.run {
                job.work()
                mailbox.post(job)
            }
        }
    }

    /// Waits for one in-flight job, runs its `finish`, and starts queued
    /// jobs; false when nothing is in flight.
    @discardableResult
    func waitForOne(_ diags: inout Diagnostics) -> Bool {
        guard inFlight > 0 else { return false }
        for job in mailbox.take() {
            inFlight -= 1
            let saved = currentTag
            currentTag = job.tag
            job.finish(&diags)
            if stopOnJobError && diags.hasErrors { stopping = true }
            currentTag = saved
            outstanding[job.tag, default: 1] -= 1
            if outstanding[job.tag] == 0 {
                outstanding[job.tag] = nil
                completeTag(job.tag, &diags)
            }
        }
        pump()
        return true
    }

    private func completeTag(_ tag: Int, _ diags: inout Diagnostics) {
        let saved = currentTag
        currentTag = tag
        while let fs = finalizers[tag], !fs.isEmpty, !hasOutstanding(tag) {
            finalizers[tag] = nil
            for f in fs { f(&diags) }
        }
        currentTag = saved
        if !hasOutstanding(tag) { tagCompleted?(tag) }
    }

    /// Waits for everything in flight (and what it starts, unless stopping).
    func drain(_ diags: inout Diagnostics) {
        while waitForOne(&diags) {}
    }

    /// Runs independent operations as one batch: queues them all and waits.
    func runAll(_ diags: inout Diagnostics) {
        pump()
        drain(&diags)
    }
}

/// Where provider threads leave finished jobs for the coordinator.
private final class Mailbox: @unchecked Sendable {
    private let condition = NSCondition()
    private var finished: [WalkScheduler.Job] = []

    func post(_ job: WalkScheduler.Job) {
        condition.lock()
        finished.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Blocks until at least one job has finished.
    func take() -> [WalkScheduler.Job] {
        condition.lock()
        while finished.isEmpty { condition.wait() }
        let batch = finished
        finished.removeAll()
        condition.unlock()
        return batch
    }
}

/// The graph nodes ready to run, lowest position in the graph's order first,
/// so a walk without provider calls visits nodes exactly in that order.
struct ReadyNodes {
    private var heap: [Int] = []

    mutating func push(_ i: Int) {
        heap.append(i)
        var c = heap.count - 1
        while c > 0 {
            let p = (c - 1) / 2
            if heap[p] <= heap[c] { break }
            heap.swapAt(p, c)
            c = p
        }
    }

    mutating func pop() -> Int? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var p = 0
            while true {
                let l = 2 * p + 1, r = l + 1
                var m = p
                if l < heap.count && heap[l] < heap[m] { m = l }
                if r < heap.count && heap[r] < heap[m] { m = r }
                if m == p { break }
                heap.swapAt(p, m)
                p = m
            }
        }
        return top
    }
}

/// A value a job's `work` computes on a provider thread for its `finish`.
final class JobResult<T>: @unchecked Sendable {
    var value: T?
    init() {}
}
