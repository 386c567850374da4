import Foundation
import JSON
@testable import State
import Testing

/// The quick reader behind `state list` and `output` either agrees with the
/// full reader or declines (so the full reader words any error).
@Suite struct StateHeaderReaderTests {
    static var fixtures: [String] { LazyReaderTests.fixtures }

    @Test(arguments: fixtures)
    func agreesWithTheFullReaderOrDeclines(_ name: String) {
        let bytes = Fixtures.bytes(name)
        guard let headers = StateHeaderReader.read(bytes) else { return }
        guard case .state(let full) = StateFileReader.read(bytes) else {
            Issue.record("\(name): quick reader accepted what the full reader refuses")
            return
        }
        #expect(headers.instanceAddresses == full.instanceAddresses)
        #expect(headers.outputs == full.outputs)
    }

    /// A plain state terraform writes must take the quick path, or it is no use.
    @Test func readsTerraformsOwnState() throws {
        let bytes = Fixtures.bytes("full.tfstate")
        let headers = try #require(StateHeaderReader.read(bytes))
        guard case .state(let full) = StateFileReader.read(bytes) else { Issue.record("full read"); return }
        #expect(!headers.instanceAddresses.isEmpty)
        #expect(headers.instanceAddresses == full.instanceAddresses)
        #expect(headers.outputs == full.outputs)
    }

    static let base = """
    {"version": 4, "terraform_version": "1.11.4", "serial": 3, "lineage": "x",
     "outputs": {"b": {"value": [1, {"k": "v"}], "type": ["tuple", ["number", ["object", {"k": "string"}]]]}, "a": {"value": "s", "type": "string", "sensitive": true}},
     "resources": [
      {"module": "module.m[\\"k\\"]", "mode": "managed", "type": "terraform_data", "name": "r", "provider": "provider[\\"terraform.io/builtin/terraform\\"]",
       "instances": [{"index_key": 2, "schema_version": 0, "attributes": {"id": "2", "nested": {"a": [[{"deep": 1}]]}}, "sensitive_attributes": [], "dependencies": ["terraform_data.z"]},
                     {"index_key": 10, "status": "tainted", "schema_version": 0, "attributes": {"id": "10"}, "sensitive_attributes": [[{"type": "get_attr", "value": "id"}]]}]},
      {"mode": "data", "type": "terraform_remote_state", "name": "d", "provider": "p", "instances": [{"schema_version": 0, "attributes": {}, "future_field": {"x": [1]}}]},
      {"mode": "managed", "type": "terraform_data", "name": "z", "each": "map", "provider": "p", "instances": [{"index_key": "b\\u00e9", "attributes": null}, {"index_key": "a"}]}
     ],
     "check_results": [{"object_kind": "resource", "config_addr": "terraform_data.z", "status": "pass"}],
     "unknown_top": {"x": [1, 2]}
    }
    """

    @Test func readsAHandWrittenStateLikeTheFullReader() throws {
        let bytes = Array(Self.base.utf8)
        let headers = try #require(StateHeaderReader.read(bytes))
        guard case .state(let full) = StateFileReader.read(bytes) else { Issue.record("full read"); return }
        #expect(headers.instanceAddresses == full.instanceAddresses)
        #expect(headers.outputs == full.outputs)
        #expect(headers.instanceAddresses.map(\.description) == [
            "data.terraform_remote_state.d",
            "terraform_data.z[\"a\"]",
            "terraform_data.z[\"bé\"]",
            "module.m[\"k\"].terraform_data.r[2]",
            "module.m[\"k\"].terraform_data.r[10]",
        ])
        #expect(headers.outputs.map(\.name) == ["a", "b"])
    }

    /// Each edit makes the state unusual or invalid: the quick reader must decline.
    @Test(arguments: [
        ("\"version\": 4", "\"version\": 3"),
        ("\"version\": 4", "\"version\": 5"),
        ("\"version\": 4, ", ""),
        ("\"1.11.4\"", "\"garbage\""),
        ("\"serial\": 3", "\"serial\": -3"),
        ("\"mode\": \"data\"", "\"mode\": \"bogus\""),
        ("\"name\": \"d\"", "\"name\": \"d\", \"name\": \"e\""),
        ("\"name\": \"d\"", "\"name\": 7"),
        ("\"index_key\": 2,", "\"index_key\": 2.5,"),
        ("\"index_key\": 2,", "\"index_key\": 10,"),
        ("\"index_key\": 2,", "\"index_key\": true,"),
        ("\"status\": \"tainted\"", "\"status\": \"weird\""),
        ("\"status\": \"tainted\"", "\"deposed\": \"00000001\""),
        ("\"attributes\": {}", "\"attributes_flat\": {\"id\": \"x\"}"),
        ("\"sensitive_attributes\": [[", "\"sensitive_attributes\": [7, ["),
        ("[\"terraform_data.z\"]", "[\"not an address!\"]"),
        ("\"object_kind\": \"resource\"", "\"object_kind\": \"thing\""),
        ("\"type\": \"string\"", "\"type\": \"strang\""),
        ("\"sensitive\": true", "\"sensitive\": \"yes\""),
        ("\"a\": {\"value\": \"s\"", "\"a\": null, \"c\": {\"value\": \"s\""),
        ("\"module\": \"module.m[\\\"k\\\"]\"", "\"module\": \"module.\""),
        ("\"name\": \"z\"", "\"name\": \"d\", \"type\": \"terraform_remote_state\", \"mode\": \"data\""),
        ("\"resources\": [", "\"resources\": {\"x\": ["),
        ("\"lineage\": \"x\"", "\"l\\u0069neage\": \"x\""),
        ("\"unknown_top\": {\"x\": [1, 2]}", "\"unknown_top\": {\"x\": [1, 2}"),
    ])
    func declinesUnusualStates(_ edit: (String, String)) {
        let text = Self.base
        #expect(text.contains(edit.0), "edit \(edit.0) does not apply")
        let edited = text.replacingOccurrences(of: edit.0, with: edit.1)
        #expect(StateHeaderReader.read(Array(edited.utf8)) == nil, "accepted: \(edit.1)")
    }

    @Test func declinesTruncatedAndEmptyInput() {
        let bytes = Array(Self.base.utf8)
        #expect(StateHeaderReader.read(bytes) != nil)
        for cut in stride(from: 0, to: bytes.count - 2, by: 7) {
            #expect(StateHeaderReader.read(Array(bytes[..<cut])) == nil, "accepted the first \(cut) bytes")
        }
    }
}
