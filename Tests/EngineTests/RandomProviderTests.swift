import BigInt
import Engine
import Foundation
import JSON
@testable import ProviderRandom
import Testing
import Values

/// hashicorp/random through the provider protocol: plan (defaults, unknowns,
/// keepers replacement), apply (generation rules), import, validation, upgrade.
@Suite struct RandomProviderTests {
    let provider = RandomProvider()
    func driver(_ t: String) -> ProtocolDriver { ProtocolDriver(provider: provider, typeName: t) }

    // MARK: random_string / random_password

    @Test func stringCreatePlanHasDefaultsAndUnknownResult() {
        let resp = driver("random_string").plan(["length": .int(12)])
        #expect(resp.diagnostics.isEmpty)
        let p = resp.plannedState
        #expect(p["special"]?.boolValue == true && p["upper"]?.boolValue == true && p["lower"]?.boolValue == true)
        #expect(p["number"]?.boolValue == true && p["numeric"]?.boolValue == true)
        #expect(p["min_upper"]?.num == 0 && p["min_special"]?.num == 0)
        #expect(p["result"]?.isKnown == false && p["id"]?.isKnown == false)
        #expect(p["override_special"]?.isNull == true && p["keepers"]?.isNull == true)
    }

    @Test func stringApplyFollowsCharacterRules() {
        let d = driver("random_string")
        let (state, diags) = d.create(["length": .int(40), "special": .false, "upper": .false])
        #expect(diags.isEmpty)
        let result = state["result"]?.str ?? ""
        #expect(result.count == 40)
        #expect(result.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) })
        #expect(state["id"]?.str == result)
    }

    @Test func stringMinimumsAndOverrideSpecial() {
        for _ in 0..<20 {
            let (state, _) = driver("random_string").create([
                "length": .int(8), "min_upper": .int(2), "min_lower": .int(2), "min_numeric": .int(2), "min_special": .int(2),
                "override_special": .string("#"),
            ])
            let r = state["result"]?.str ?? ""
            #expect(r.count == 8)
            #expect(r.filter { $0.isUppercase }.count >= 2)
            #expect(r.filter { $0.isLowercase }.count >= 2)
            #expect(r.filter { $0.isNumber }.count >= 2)
            #expect(r.filter { $0 == "#" }.count >= 2)
            #expect(r.allSatisfy { $0.isLetter || $0.isNumber || $0 == "#" })
        }
    }

    @Test func unchangedConfigPlansNoChange() {
        let d = driver("random_string")
        let cfg: [String: Value] = ["length": .int(10), "keepers": .map(["a": .string("1")])]
        let (state, _) = d.create(cfg)
        let again = d.plan(cfg, prior: state)
        #expect(again.plannedState.rawEquals(state))
        #expect(again.requiresReplace.isEmpty)
    }

    @Test func keepersChangeForcesReplacement() {
        let d = driver("random_string")
        let (state, _) = d.create(["length": .int(10), "keepers": .map(["a": .string("1")])])
        let changed = d.plan(["length": .int(10), "keepers": .map(["a": .string("2")])], prior: state)
        #expect(changed.requiresReplace == [.attribute("keepers")])
        // A key added with a null value is not a change worth replacing for.
        let nullAdded = d.plan(["length": .int(10), "keepers": .map(["a": .string("1"), "b": .null(.string)])], prior: state)
        #expect(nullAdded.requiresReplace.isEmpty)
        #expect(nullAdded.plannedState["result"]?.str == state["result"]?.str)
        let lengthChanged = d.plan(["length": .int(11), "keepers": .map(["a": .string("1")])], prior: state)
        #expect(lengthChanged.requiresReplace == [.attribute("length")])
    }

    @Test func overrideSpecialEmptyToNullIsNotAReplacement() {
        let d = driver("random_string")
        let (state, _) = d.create(["length": .int(5), "override_special": .string("")])
        #expect(d.plan(["length": .int(5)], prior: state).requiresReplace.isEmpty)
        let (state2, _) = d.create(["length": .int(5), "override_special": .string("!")])
        #expect(d.plan(["length": .int(5)], prior: state2).requiresReplace == [.attribute("override_special")])
    }

    @Test func stringValidationMessages() {
        let d = driver("random_string")
        let zero = d.validate(["length": .int(0)])
        #expect(zero.map(\.detail) == ["Attribute length value must be at least 1, got: 0"])
        #expect(zero.first?.summary == "Invalid Attribute Value")
        #expect(zero.first?.attribute == .attribute("length"))
        let sum = d.validate(["length": .int(3), "min_upper": .int(2), "min_lower": .int(2)])
        #expect(sum.map(\.detail) == ["Attribute length value must be at least sum of min_upper + min_lower + min_numeric + min_special, got: 3"])
        let none = d.validate(["length": .int(3), "numeric": .false, "special": .false, "upper": .false, "lower": .false])
        #expect(none.map(\.detail) == ["At least one attribute out of [numeric,special,upper,lower] must be specified as true"])
        #expect(d.validate(["length": .double(2.5)]).hasErrors)
        let deprecated = d.validate(["length": .int(3), "number": .true])
        #expect(deprecated.map(\.summary) == ["Attribute Deprecated"] && !deprecated.hasErrors)
        let conflict = d.plan(["length": .int(3), "number": .true, "numeric": .false])
        #expect(conflict.diagnostics.map(\.summary) == ["Number and numeric are both configured with different values"])
    }

    @Test func passwordHasBcryptHashAndIdNone() throws {
        let d = driver("random_password")
        let schema = try #require(provider.schema().resources["random_password"])
        #expect(schema.version == 3)
        #expect(schema.block.attributes["result"]?.sensitive == true)
        let (state, diags) = d.create(["length": .int(16)])
        #expect(diags.isEmpty)
        #expect(state["id"]?.str == "none")
        let result = try #require(state["result"]?.str)
        let hash = try #require(state["bcrypt_hash"]?.str)
        #expect(hash.hasPrefix("$2a$10$") && hash.count == 60)
        #expect(PasswordHash.verify(result, hashed: hash))
        #expect(!PasswordHash.verify(result + "x", hashed: hash))
    }

    @Test func bcryptMatchesKnownVector() throws {
        // OpenBSD's published test vector for "U*U" at cost 5.
        let salt = try #require(Bcrypt.decode("CCCCCCCCCCCCCCCCCCCCC."))
        #expect(PasswordHash.bcrypt(Array("U*U".utf8), cost: 5, salt: salt) == "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")
    }

    @Test func stringAndPasswordImport() throws {
        let (s, sd) = provider.importResourceState(typeName: "random_string", id: "abc$D")
        #expect(sd.isEmpty)
        let st = try #require(s.first?.state)
        #expect(st["id"]?.str == "abc$D" && st["result"]?.str == "abc$D" && st["length"]?.num == 5)
        #expect(st["numeric"]?.boolValue == true && st["min_lower"]?.num == 0 && st["keepers"]?.isNull == true)
        // A configuration matching the imported defaults plans no change.
        let plan = driver("random_string").plan(["length": .int(5)], prior: st)
        #expect(plan.plannedState.rawEquals(st))
        let (p, _) = provider.importResourceState(typeName: "random_password", id: "secret")
        let ps = try #require(p.first?.state)
        #expect(ps["id"]?.str == "none" && ps["result"]?.str == "secret")
        #expect(PasswordHash.verify("secret", hashed: ps["bcrypt_hash"]?.str ?? ""))
    }

    @Test func stringStateV1UpgradesToCurrentShape() throws {
        let raw = try JSON.parse(Array(#"{"id":"xyz","keepers":null,"length":3,"lower":true,"min_lower":0,"min_numeric":0,"min_special":0,"min_upper":0,"number":false,"override_special":"","result":"xyz","special":false,"upper":true}"#.utf8))
        let (v, diags) = provider.upgradeResourceState(typeName: "random_string", version: 1, rawState: raw)
        #expect(diags.isEmpty)
        #expect(v["numeric"]?.boolValue == false)
        #expect(v["number"]?.boolValue == false)
        #expect(v["result"]?.str == "xyz")
    }

    @Test func passwordStateV0GainsHashAndNumeric() throws {
        let raw = try JSON.parse(Array(#"{"id":"none","keepers":null,"length":4,"lower":true,"min_lower":0,"min_numeric":0,"min_special":0,"min_upper":0,"number":true,"override_special":"","result":"ab1C","special":true,"upper":true}"#.utf8))
        let (v, diags) = provider.upgradeResourceState(typeName: "random_password", version: 0, rawState: raw)
        #expect(diags.isEmpty)
        #expect(v["numeric"]?.boolValue == true)
        #expect(PasswordHash.verify("ab1C", hashed: v["bcrypt_hash"]?.str ?? ""))
    }

    // MARK: random_id / random_bytes

    @Test func idEncodingsAgree() throws {
        let (state, diags) = driver("random_id").create(["byte_length": .int(8), "prefix": .string("p-")])
        #expect(diags.isEmpty)
        let hex = try #require(state["hex"]?.str)
        #expect(hex.hasPrefix("p-") && hex.count == 18)
        let bytes = try #require(BigUInt(String(hex.dropFirst(2)), radix: 16))
        #expect(state["dec"]?.str == "p-" + String(bytes))
        let id = try #require(state["id"]?.str)
        #expect(state["b64_url"]?.str == "p-" + id)
        #expect(id.count == 11 && !id.contains("="))
        #expect(state["b64_std"]?.str?.hasSuffix("=") == true)
    }

    @Test func idImportWithPrefix() throws {
        let (r, diags) = provider.importResourceState(typeName: "random_id", id: "abc,AQID")
        #expect(diags.isEmpty)
        let s = try #require(r.first?.state)
        #expect(s["id"]?.str == "AQID" && s["hex"]?.str == "abc010203" && s["dec"]?.str == "abc66051")
        #expect(s["b64_std"]?.str == "abcAQID" && s["byte_length"]?.num == 3 && s["prefix"]?.str == "abc")
        let (_, bad) = provider.importResourceState(typeName: "random_id", id: "a*b")
        #expect(bad.first?.summary == "Import Random ID Error")
    }

    @Test func bytesLengthAndEncodings() throws {
        let (state, _) = driver("random_bytes").create(["length": .int(16)])
        let b64 = try #require(state["base64"]?.str)
        #expect(Data(base64Encoded: b64)?.count == 16)
        #expect(state["hex"]?.str?.count == 32)
        #expect(driver("random_bytes").validate(["length": .int(0)]).first?.detail == "Attribute length value must be at least 1, got: 0")
        let (r, diags) = provider.importResourceState(typeName: "random_bytes", id: "AQID")
        #expect(diags.isEmpty && r.first?.state["hex"]?.str == "010203" && r.first?.state["length"]?.num == 3)
        let (_, bad) = provider.importResourceState(typeName: "random_bytes", id: "AQ*D")
        #expect(bad.first?.detail.hasSuffix("Original Error: illegal base64 data at input byte 2") == true)
    }

    @Test func absurdLengthsAreRefusedNotAttempted() {
        let (_, diags) = driver("random_string").create(["length": .int(1 << 40)])
        #expect(diags.first?.summary == "Random Read Error")
        let (_, bytes) = driver("random_bytes").create(["length": .int(1 << 40)])
        #expect(bytes.first?.summary == "Create Random bytes error")
    }

    // MARK: random_integer / random_shuffle

    @Test func integerInRangeAndSeeded() {
        let d = driver("random_integer")
        for _ in 0..<10 {
            let (s, _) = d.create(["min": .int(1), "max": .int(3)])
            let r = s["result"]?.num ?? 0
            #expect((1...3).contains(r))
            #expect(s["id"]?.str == String(r))
            #expect(s["seed"]?.isNull == true)
        }
        let seeded = (0..<3).map { _ in d.create(["min": .int(1), "max": .int(1_000_000), "seed": .string("s")]).0["result"]?.num }
        #expect(Set(seeded).count == 1)
        let (_, bad) = d.create(["min": .int(5), "max": .int(1)])
        #expect(bad.first?.detail == "The minimum (minVal) value needs to be smaller than or equal to maximum (maxVal) value.")
    }

    @Test func integerImport() throws {
        let (r, _) = provider.importResourceState(typeName: "random_integer", id: "5,1,10,abc")
        let s = try #require(r.first?.state)
        #expect(s["result"]?.num == 5 && s["min"]?.num == 1 && s["max"]?.num == 10 && s["seed"]?.str == "abc" && s["id"]?.str == "5")
        let (_, usage) = provider.importResourceState(typeName: "random_integer", id: "5")
        #expect(usage.first?.detail == "Invalid import usage: expecting {result},{min},{max} or {result},{min},{max},{seed}")
        let (_, nan) = provider.importResourceState(typeName: "random_integer", id: "x,1,2")
        #expect(nan.first?.detail.contains("strconv.ParseInt: parsing \"x\": invalid syntax") == true)
    }

    @Test func shufflePermutesAndRepeats() {
        let d = driver("random_shuffle")
        let input = Value.list(["a", "b", "c"].map(Value.string), elementType: .string)
        let (s, _) = d.create(["input": input])
        #expect((s["result"]?.elements ?? []).compactMap(\.stringValue).sorted() == ["a", "b", "c"])
        #expect(s["id"]?.str == "-")
        let (five, _) = d.create(["input": input, "result_count": .int(5)])
        #expect(five["result"]?.elements?.count == 5)
        let seeded = (0..<3).map { _ in d.create(["input": input, "seed": .string("x")]).0["result"]?.elements?.compactMap(\.stringValue) ?? [] }
        #expect(seeded[0] == seeded[1] && seeded[1] == seeded[2])
        let (empty, _) = d.create(["input": input, "result_count": .int(0)])
        #expect(empty["result"]?.elements?.isEmpty == true)
    }

    // MARK: random_uuid / random_pet

    @Test func uuidFormatAndImport() throws {
        let (s, _) = driver("random_uuid").create([:])
        let u = try #require(s["result"]?.str)
        #expect(u.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(s["id"]?.str == u)
        let (r, _) = provider.importResourceState(typeName: "random_uuid", id: "6F8E2E3A-0000-1111-2222-333344445555")
        #expect(r.first?.state["result"]?.str == "6f8e2e3a-0000-1111-2222-333344445555")
        let (_, bad) = provider.importResourceState(typeName: "random_uuid", id: "nope")
        #expect(bad.first?.detail.hasSuffix("Original Error: uuid string is wrong length") == true)
    }

    @Test func petNamesHaveTheRequestedShape() {
        let d = driver("random_pet")
        let (two, _) = d.create([:])
        #expect(two["length"]?.num == 2 && two["separator"]?.str == "-")
        #expect(two["id"]?.str?.split(separator: "-").count == 2)
        let (three, _) = d.create(["length": .int(3), "separator": .string("_"), "prefix": .string("dev")])
        let parts = three["id"]?.str?.split(separator: "_") ?? []
        #expect(parts.count == 4 && parts.first == "dev")
        #expect(parts.allSatisfy { $0 == $0.lowercased() })
        let (_, diags) = provider.importResourceState(typeName: "random_pet", id: "x")
        #expect(diags.first?.summary == "Resource Import Not Implemented")
    }

    @Test func destroyIsANoOp() {
        let d = driver("random_uuid")
        let (s, _) = d.create([:])
        let resp = d.destroy(s)
        #expect(resp.newState.isNull && resp.diagnostics.isEmpty)
    }

    @Test func unknownTypeIsADiagnostic() {
        #expect(provider.validateResourceConfig(typeName: "random_nope", config: .emptyObject).hasErrors)
    }
}
