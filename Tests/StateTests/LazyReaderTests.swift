import Foundation
import JSON
@testable import State
import Testing

/// The lazy reader (attributes kept as bytes) and the json-c tree reader give
/// the same snapshot for every fixture, and writing either gives the same bytes.
@Suite struct LazyReaderTests {
    static var fixtures: [String] {
        let dir = Fixtures.path("")
        var names = ["full.tfstate", "handmade.tfstate", "legacy-v3.tfstate"]
        for e in (try? FileManager.default.contentsOfDirectory(atPath: dir + "expected")) ?? [] where e.hasSuffix(".tfstate") {
            names.append("expected/" + e)
        }
        return names
    }

    @Test(arguments: fixtures)
    func lazyAndTreeReadersAgree(_ name: String) throws {
        let bytes = Fixtures.bytes(name)
        guard case .state(let lazy) = StateFileReader.read(bytes) else { Issue.record("\(name) did not read"); return }
        guard case .state(let tree) = StateFileReader.read(root: try JSON.parse(bytes)) else { Issue.record("\(name) tree read failed"); return }
        #expect(lazy == tree)
        #expect(StateFileWriter.bytes(lazy) == StateFileWriter.bytes(tree))
        // The piecewise writer and the one-value document write the same bytes.
        var whole = JSONWriter(indent: "  ").bytes(StateFileWriter.document(lazy))
        whole.append(0x0A)
        #expect(StateFileWriter.bytes(lazy) == whole)
        let lazyHasRaw = lazy.resources.contains { $0.instances.contains { $0.rawAttributes != nil } }
        #expect(lazyHasRaw || lazy.resources.allSatisfy { $0.instances.isEmpty } || name.contains("legacy"))
    }

    @Test func changingAttributesDropsTheRawBytes() throws {
        guard case .state(var s) = StateFileReader.read(Fixtures.bytes("full.tfstate")) else { Issue.record("read"); return }
        let before = s.resources[0].instances[0]
        #expect(before.rawAttributes != nil)
        s.resources[0].instances[0].attributes = .object([JSONMember(key: "id", value: .string("changed"))])
        #expect(s.resources[0].instances[0].rawAttributes == nil)
        #expect(s.resources[0].instances[0].legacyID == "changed")
        #expect(s.resources[0].instances[0] != before)
        #expect(StateFileWriter.string(s).contains("\"id\": \"changed\""))
    }
}
