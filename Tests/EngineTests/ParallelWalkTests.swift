import Config
import Engine
import Foundation
import State
import Testing
import Values

/// A provider whose apply and read take time, recording how many calls run at
/// once and in which order they start and end; "boom" values fail.
final class SlowProvider: Provider, @unchecked Sendable {
    static let source = "registry.terraform.io/hashicorp/slow"
    let delay: TimeInterval
    private let lock = NSLock()
    private var running = 0
    private(set) var maxRunning = 0
    /// "start VALUE" / "end VALUE", in the order they happened.
    private(set) var events: [String] = []
    private(set) var created: Set<String> = []
    private(set) var stopCalls = 0
    /// Called (on the provider's thread) after each successful apply with the number done so far.
    var afterApply: ((Int) -> Void)?

    init(delay: TimeInterval) { self.delay = delay }

    func schema() -> ProviderSchemaResponse {
        ProviderSchemaResponse(resources: ["slow_thing": ResourceSchema(block: SchemaBlock(attributes: [
            "id": SchemaAttribute(.string, computed: true),
            "value": SchemaAttribute(.string, required: true),
        ]))])
    }

    func validateResourceConfig(typeName: String, config: Value) -> [ProviderDiagnostic] { [] }

    func planResourceChange(_ r: ProviderMessages.PlanResourceChangeRequest) -> ProviderMessages.PlanResourceChangeResponse {
        ProviderMessages.PlanResourceChangeResponse(plannedState: r.proposedNewState)
    }

    private func timed<T>(_ name: String, _ body: () -> T) -> T {
        lock.lock()
        running += 1
        maxRunning = max(maxRunning, running)
        events.append("start " + name)
        lock.unlock()
        Thread.sleep(forTimeInterval: delay)
        let result = body()
        lock.lock()
        running -= 1
        events.append("end " + name)
        lock.unlock()
        return result
    }

    func applyResourceChange(_ r: ProviderMessages.ApplyResourceChangeRequest) -> ProviderMessages.ApplyResourceChangeResponse {
        guard var attrs = r.plannedState.attributes, let value = attrs["value"]?.stringValue else {
            return timed("destroy") { .init(newState: r.plannedState) }
        }
        return timed(value) {
            if value == "boom" {
                return .init(newState: r.priorState, diagnostics: [.error("Boom", "The remote API refused the object.")])
            }
            attrs["id"] = .string("id-" + value)
            lock.lock()
            created.insert(value)
            let done = created.count
            lock.unlock()
            afterApply?(done)
            return .init(newState: Value(type: r.plannedState.type, content: .attributes(attrs)))
        }
    }

    func readResource(typeName: String, currentState: Value, privateData: [UInt8]?) -> ProviderMessages.ReadResourceResponse {
        timed("read") { .init(newState: currentState) }
    }

    func readDataSource(typeName: String, config: Value) -> (Value, [ProviderDiagnostic]) { (config, []) }

    func importResourceState(typeName: String, id: String) -> ([ProviderMessages.ImportedResource], [ProviderDiagnostic]) { ([], []) }

    func stop() {
        lock.lock()
        stopCalls += 1
        lock.unlock()
    }

    func resetCounters() {
        lock.lock()
        maxRunning = 0
        events = []
        lock.unlock()
    }
}

@Suite struct ParallelWalkTests {
    func makeEngine(_ main: String, provider: SlowProvider, parallelism: Int) -> (Engine, String)? {
        let dir = Tools.tempDirectory("parallel")
        Tools.write(["main.tf": main], in: dir)
        let (tree, _, diags) = ConfigTree.load(rootDirectory: dir)
        guard !diags.hasErrors else { return nil }
        let registry = ProviderRegistry()
        registry.register(SlowProvider.source) { provider }
        let engine = Engine(tree: tree, settings: .init(rootDirectory: dir, workingDirectory: dir), registry: registry)
        engine.parallelism = parallelism
        return (engine, dir)
    }

    static let twenty = """
    resource "slow_thing" "a" {
      count = 20
      value = "a${count.index}"
    }
    """

    @Test func applyRunsUpToParallelismAtOnce() throws {
        let provider = SlowProvider(delay: 0.2)
        let (engine, dir) = try #require(makeEngine(Self.twenty, provider: provider, parallelism: 10))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (plan, planDiags) = engine.plan(prior: nil)
        #expect(!planDiags.hasErrors)
        #expect(plan.toAdd == 20)
        let (final, diags) = engine.apply(plan) { _ in nil }
        #expect(!diags.hasErrors)
        #expect(final.instanceAddresses.count == 20)
        #expect(provider.maxRunning > 1)
        #expect(provider.maxRunning <= 10)
        #expect(engine.applied.added == 20)
    }

    @Test func parallelismOneRunsOneAtATime() throws {
        let provider = SlowProvider(delay: 0.02)
        let (engine, dir) = try #require(makeEngine(Self.twenty, provider: provider, parallelism: 1))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (plan, _) = engine.plan(prior: nil)
        let (final, diags) = engine.apply(plan) { _ in nil }
        #expect(!diags.hasErrors)
        #expect(final.instanceAddresses.count == 20)
        #expect(provider.maxRunning == 1)
    }

    @Test func refreshReadsConcurrently() throws {
        let provider = SlowProvider(delay: 0.1)
        let (engine, dir) = try #require(makeEngine(Self.twenty, provider: provider, parallelism: 5))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (plan, _) = engine.plan(prior: nil)
        let (state, _) = engine.apply(plan) { _ in nil }
        provider.resetCounters()
        let (again, diags) = engine.plan(prior: state)
        #expect(!diags.hasErrors)
        #expect(!again.hasResourceChanges)
        #expect(provider.events.filter { $0 == "start read" }.count == 20)
        #expect(provider.maxRunning > 1)
        #expect(provider.maxRunning <= 5)
    }

    @Test func destroyRunsInstancesConcurrently() throws {
        let provider = SlowProvider(delay: 0.1)
        let (engine, dir) = try #require(makeEngine(Self.twenty, provider: provider, parallelism: 4))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (plan, _) = engine.plan(prior: nil)
        let (state, _) = engine.apply(plan) { _ in nil }
        provider.resetCounters()
        let (destroyPlan, _) = engine.plan(prior: state, destroy: true, refresh: false)
        let (final, diags) = engine.apply(destroyPlan) { _ in nil }
        #expect(!diags.hasErrors)
        #expect(final.instanceAddresses.isEmpty)
        #expect(provider.events.filter { $0 == "start destroy" }.count == 20)
        #expect(provider.maxRunning > 1)
        #expect(provider.maxRunning <= 4)
    }

    @Test func dependentsWaitForTheirDependencies() throws {
        let provider = SlowProvider(delay: 0.05)
        let (engine, dir) = try #require(makeEngine("""
        resource "slow_thing" "a" {
          count = 6
          value = "a${count.index}"
        }
        resource "slow_thing" "b" {
          count = 6
          value = "b-${slow_thing.a[count.index].id}"
        }
        resource "slow_thing" "c" {
          count = 6
          value = "c${count.index}"
        }
        """, provider: provider, parallelism: 10))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (plan, _) = engine.plan(prior: nil)
        let (final, diags) = engine.apply(plan) { _ in nil }
        #expect(!diags.hasErrors)
        #expect(final.instanceAddresses.count == 18)
        let events = provider.events
        let lastAEnd = try #require(events.lastIndex { $0.hasPrefix("end a") })
        let firstBStart = try #require(events.firstIndex { $0.hasPrefix("start b-") })
        #expect(lastAEnd < firstBStart)
        // c depends on nothing: it runs alongside a rather than after b.
        let firstCStart = try #require(events.firstIndex { $0.hasPrefix("start c") })
        #expect(firstCStart < firstBStart)
        #expect(final.resources.first { $0.address.resource.name == "b" }?.instances.first { $0.key == .int(0) }?.attributes?["value"].flatMap { $0.stringValue } == "b-id-a0")
    }

    @Test func errorStopsNewWorkAndKeepsWhatWasCreated() throws {
        let provider = SlowProvider(delay: 0.05)
        let (engine, dir) = try #require(makeEngine("""
        resource "slow_thing" "a" {
          count = 12
          value = count.index == 3 ? "boom" : "a${count.index}"
        }
        """, provider: provider, parallelism: 2))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (plan, _) = engine.plan(prior: nil)
        var saved: [StateFile] = []
        let (final, diags) = engine.apply(plan) { saved.append($0); return nil }
        #expect(diags.items.filter { $0.severity == .error }.map(\.summary) == ["Boom"])
        let created = provider.created
        #expect(created.count < 11)
        let inState = Set(final.instanceAddresses.map(\.description))
        let expected = Set(created.map { "slow_thing.a[\($0.dropFirst())]" })
        #expect(inState == expected)
        #expect(Set(saved.last?.instanceAddresses.map(\.description) ?? []) == expected)
    }

    @Test func interruptStopsAfterInFlightWork() throws {
        let provider = SlowProvider(delay: 0.02)
        let (engine, dir) = try #require(makeEngine(Self.twenty, provider: provider, parallelism: 1))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let interrupt = EngineInterrupt()
        engine.interrupt = interrupt
        // The third creation asks to stop while it is still running.
        provider.afterApply = { done in if done == 3 { interrupt.stop() } }
        let (plan, _) = engine.plan(prior: nil)
        var saved: [StateFile] = []
        let (final, diags) = engine.apply(plan) { saved.append($0); return nil }
        #expect(diags.items.map(\.summary) == ["execution halted"])
        #expect(provider.created.count == 3)
        #expect(final.instanceAddresses.count == 3)
        #expect(saved.last?.instanceAddresses.count == 3)
        #expect(provider.stopCalls == 1)
    }

    @Test func interruptedPlanIsHalted() throws {
        let provider = SlowProvider(delay: 0.02)
        let (engine, dir) = try #require(makeEngine(Self.twenty, provider: provider, parallelism: 2))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (plan, _) = engine.plan(prior: nil)
        let (state, _) = engine.apply(plan) { _ in nil }
        let interrupt = EngineInterrupt()
        interrupt.stop()
        engine.interrupt = interrupt
        provider.resetCounters()
        let (_, diags) = engine.plan(prior: state)
        #expect(diags.items.map(\.summary) == ["execution halted"])
        #expect(provider.events.isEmpty)
    }
}
