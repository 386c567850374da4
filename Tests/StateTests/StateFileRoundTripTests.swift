import Config
import Foundation
import JSON
@testable import State
import Testing

@Suite struct StateFileRoundTripTests {
    @Test func fixturesExist() {
        #expect(Fixtures.terraformWrittenStates.count >= 15)
        #expect(Fixtures.bytes("full.tfstate").count > 10_000)
    }

    @Test(arguments: Fixtures.terraformWrittenStates)
    func terraformWrittenStateRoundTripsByteForByte(_ name: String) throws {
        let original = Fixtures.bytes(name)
        guard case .state(let file) = StateFileReader.read(original) else {
            Issue.record("\(name) did not read")
            return
        }
        let written = StateFileWriter.bytes(file)
        #expect(written == original, "\(name) changed on the round trip")
    }

    @Test func readsEveryFieldOfTheFullFixture() throws {
        guard case .state(let file) = StateFileReader.read(Fixtures.bytes("full.tfstate")) else {
            Issue.record("full.tfstate did not read"); return
        }
        #expect(file.terraformVersion == "1.11.4")
        #expect(file.lineage.count == 36)
        #expect(file.outputs.map(\.name) == file.outputs.map(\.name).sorted())
        #expect(file.output(named: "sec")?.sensitive == true)
        #expect(file.output(named: "res")?.value["big"] == .number("12345678901234567890"))
        #expect(file.output(named: "res")?.value["f"] == .number("0.1"))
        let each = file.resource(AbsResource(resource: Resource(type: "terraform_data", name: "each")))
        #expect(each?.instances.map(\.key) == [.string("10"), .string("9"), .string("a"), .string("b"), .string("c d")])
        let deep = AbsResource(module: ModuleInstance().child("num", .int(0)).child("deep"),
                               resource: Resource(type: "terraform_data", name: "d"))
        #expect(file.resource(deep)?.instances.first?.sensitiveAttributes.count == 1)
        let dependent = file.instance(AbsResource(resource: Resource(type: "terraform_data", name: "dependent")).instance(.none))
        #expect(dependent?.createBeforeDestroy == true)
        #expect(dependent?.dependencies.contains("terraform_data.single") == true)
        #expect(file.checkResults?.map(\.objectKind).sorted() == ["check", "output", "resource"])
        #expect(file.instanceAddresses.count == 22)
    }

    /// terraform normalises a hand-written state (sorting, deposed objects, flat
    /// attributes, number text of outputs, check results) when it writes it.
    @Test func handWrittenStateIsNormalisedAsTerraformDoes() throws {
        guard case .state(var file) = StateFileReader.read(Fixtures.bytes("handmade.tfstate")) else {
            Issue.record("handmade.tfstate did not read"); return
        }
        let before = file
        var none: StateFile? = nil
        let from = AddressTarget.resource(AbsResource(resource: Resource(type: "null_resource", name: "a")))
        let to = AddressTarget.resource(AbsResource(resource: Resource(type: "null_resource", name: "aa")))
        let moved = StateEdits.move(from, to: to, destinationText: "null_resource.aa", in: &file, into: &none)
        #expect(moved == .success([StateEdits.Move(from: "null_resource.a", to: "null_resource.aa")]))
        let written = StateFileWriter.bytes(file.preparedForWrite(after: before))
        let expected = Fixtures.bytes("expected/handmade-mv.tfstate")
        #expect(StateText.normalisedChecks(String(decoding: written, as: UTF8.self)) == StateText.normalisedChecks(String(decoding: expected, as: UTF8.self)))
    }

    @Test func emptyBytesMeanNoState() {
        guard case .noState = StateFileReader.read([]) else { Issue.record("expected no state"); return }
    }

    @Test func unchangedContentKeepsTheSerial() throws {
        guard case .state(let file) = StateFileReader.read(Fixtures.bytes("full.tfstate")) else { return }
        #expect(file.preparedForWrite(after: file).serial == file.serial)
        var changed = file
        changed.outputs.removeFirst()
        #expect(changed.preparedForWrite(after: file).serial == file.serial + 1)
    }
}

@Suite struct LegacyStateTests {
    /// A format 3 state (Terraform 0.11) upgraded and written after an edit, compared with terraform's.
    @Test func version3IsUpgradedAsTerraformUpgradesIt() throws {
        let dir = CLIRunner.scratch("legacy-v3.tfstate")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let list = CLIRunner.terraswift(["state", "list", "-state=edit.tfstate"], in: dir)
        #expect(list.out == "data.aws_ami.ubuntu\naws_instance.web[0]\naws_instance.web[1]\nnull_resource.x\nmodule.child.null_resource.y\n")
        let r = CLIRunner.terraswift(["state", "rm", "-state=edit.tfstate", "null_resource.x"], in: dir)
        #expect(r.code == 0, "\(r.err)")
        #expect(CLIRunner.read(dir + "/edit.tfstate") == Fixtures.text("expected/legacy-v3-rm.tfstate"))
    }

    @Test func version1IsRefusedClearly() {
        guard case .failed(let d) = StateFileReader.read(Array(#"{"version": 1, "serial": 1}"#.utf8)) else {
            Issue.record("should fail"); return
        }
        #expect(StateStoreError.goErrorText(d).hasPrefix("State format upgrade failed: "))
    }
}
