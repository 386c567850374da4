import Engine
import Foundation
import ProviderLocal
import ProviderNull
import Testing
import Values

/// hashicorp/null through the provider protocol.
@Suite struct NullProviderTests {
    let provider = NullProvider()
    var d: ProtocolDriver { ProtocolDriver(provider: provider, typeName: "null_resource") }

    @Test func createGivesANumericId() {
        let (s, diags) = d.create(["triggers": .map(["a": .string("1")])])
        #expect(diags.isEmpty)
        let id = s["id"]?.str ?? ""
        #expect(!id.isEmpty && id.allSatisfy(\.isNumber) && Int64(id) != nil)
    }

    @Test func triggersChangeReplaces() {
        let (s, _) = d.create(["triggers": .map(["a": .string("1")])])
        #expect(d.plan(["triggers": .map(["a": .string("1")])], prior: s).plannedState.rawEquals(s))
        #expect(d.plan(["triggers": .map(["a": .string("2")])], prior: s).requiresReplace == [.attribute("triggers")])
        #expect(d.plan([:], prior: s).requiresReplace == [.attribute("triggers")])
        let (bare, _) = d.create([:])
        #expect(d.plan(["triggers": .map(["a": .null(.string)])], prior: bare).requiresReplace.isEmpty)
    }

    /// Data sources are not read by the engine yet, so only the protocol is tested here.
    @Test func dataSourceEchoesInputs() {
        let block = provider.schema().dataSources["null_data_source"]!.block
        let (v, diags) = provider.readDataSource(typeName: "null_data_source", config: block.object(["inputs": .map(["k": .string("v")])]))
        #expect(diags.isEmpty)
        #expect(v["outputs"]?.rawEquals(.map(["k": .string("v")])) == true)
        #expect(v["has_computed_default"]?.str == "default")
        #expect(v["id"]?.str == "static")
        #expect(Int64(v["random"]?.str ?? "") != nil)
        let (w, _) = provider.readDataSource(typeName: "null_data_source", config: block.object(["has_computed_default": .string("x")]))
        #expect(w["has_computed_default"]?.str == "x" && w["outputs"]?.isNull == true)
    }

    @Test func importIsNotImplemented() {
        #expect(provider.importResourceState(typeName: "null_resource", id: "1").1.first?.summary == "Resource Import Not Implemented")
    }
}

/// hashicorp/local through the provider protocol, on real files in a scratch directory.
@Suite struct LocalProviderTests {
    let provider = LocalProvider()

    func scratch() -> String {
        let dir = NSTemporaryDirectory() + "local-provider-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1
    }

    func currentUmask() -> Int {
        let m = umask(0o022)
        umask(m)
        return Int(m)
    }

    @Test func createWritesFileWithChecksums() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/sub/dir/hello.txt"
        let d = ProtocolDriver(provider: provider, typeName: "local_file")
        let plan = d.plan(["filename": .string(file), "content": .string("hello")])
        #expect(plan.plannedState["file_permission"]?.str == "0777")
        #expect(plan.plannedState["id"]?.isKnown == false && plan.plannedState["content_md5"]?.isKnown == false)
        let (s, diags) = d.create(["filename": .string(file), "content": .string("hello")])
        #expect(diags.isEmpty)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "hello")
        #expect(s["id"]?.str == "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d")
        #expect(s["content_sha1"]?.str == "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d")
        #expect(s["content_md5"]?.str == "5d41402abc4b2a76b9719d911017c592")
        #expect(s["content_sha256"]?.str == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
        #expect(s["content_base64sha256"]?.str == "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=")
        #expect(s["content_sha512"]?.str?.hasPrefix("9b71d224bd62f378") == true)
        #expect(mode(file) == 0o777 & ~currentUmask())
        #expect(mode(dir + "/sub/dir") == 0o777 & ~currentUmask())
        // Unchanged on disk and in configuration: nothing to do.
        #expect(provider.readResource(typeName: "local_file", currentState: s, privateData: nil).newState.rawEquals(s))
        #expect(d.plan(["filename": .string(file), "content": .string("hello")], prior: s).plannedState.rawEquals(s))
        #expect(d.plan(["filename": .string(file), "content": .string("bye")], prior: s).requiresReplace == [.attribute("content")])
        // Edited or removed outside terraform: gone from state, so it is created again.
        try "edited".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(provider.readResource(typeName: "local_file", currentState: s, privateData: nil).newState.isNull)
        try FileManager.default.removeItem(atPath: file)
        #expect(provider.readResource(typeName: "local_file", currentState: s, privateData: nil).newState.isNull)
    }

    @Test func destroyRemovesTheFile() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let d = ProtocolDriver(provider: provider, typeName: "local_file")
        let (s, _) = d.create(["filename": .string(dir + "/f"), "content_base64": .string("aGk=")])
        #expect(try String(contentsOfFile: dir + "/f", encoding: .utf8) == "hi")
        #expect(d.destroy(s).newState.isNull)
        #expect(!FileManager.default.fileExists(atPath: dir + "/f"))
    }

    @Test func sensitiveFileDefaultsTo0700AndCopiesSource() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "from source".write(toFile: dir + "/src", atomically: true, encoding: .utf8)
        let d = ProtocolDriver(provider: provider, typeName: "local_sensitive_file")
        #expect(d.block.attributes["content"]?.sensitive == true)
        let (s, diags) = d.create(["filename": .string(dir + "/out/secret"), "source": .string(dir + "/src")])
        #expect(diags.isEmpty)
        #expect(s["file_permission"]?.str == "0700")
        #expect(try String(contentsOfFile: dir + "/out/secret", encoding: .utf8) == "from source")
        #expect(mode(dir + "/out/secret") == 0o700 & ~currentUmask())
        let (_, missing) = d.create(["filename": .string(dir + "/x"), "source": .string(dir + "/nope")])
        #expect(missing.first?.summary == "Create local sensitive file error")
        #expect(missing.first?.detail.hasSuffix("Original Error: open \(dir)/nope: no such file or directory") == true)
    }

    @Test func validationMessages() {
        let d = ProtocolDriver(provider: provider, typeName: "local_file")
        let none = d.validate(["filename": .string("f")])
        #expect(none.count == 4)
        #expect(none.first?.summary == "Invalid Attribute Combination")
        #expect(none.first?.detail == "No attribute specified when one (and only one) of [content,sensitive_content,content_base64,source] is required")
        let two = d.validate(["filename": .string("f"), "content": .string("a"), "source": .string("b")])
        #expect(two.contains { $0.detail == "2 attributes specified when one (and only one) of [source,content,sensitive_content,content_base64] is required" })
        let perm = d.validate(["filename": .string("f"), "content": .string("a"), "file_permission": .string("0999")])
        #expect(perm.map(\.detail) == ["bad mode permission: string must be expressed in octal numeric notation: 0999"])
        let len = d.validate(["filename": .string("f"), "content": .string("a"), "directory_permission": .string("12345")])
        #expect(len.map(\.detail) == ["bad mode permission: string length should be 3 or 4 digits: 12345"])
        let deprecated = d.validate(["filename": .string("f"), "sensitive_content": .string("a")])
        #expect(deprecated.map(\.summary) == ["Attribute Deprecated"] && !deprecated.hasErrors)
        let sensitive = ProtocolDriver(provider: provider, typeName: "local_sensitive_file").validate(["filename": .string("f")])
        #expect(sensitive.count == 3)
    }

    /// Data sources are not read by the engine yet, so only the protocol is tested here.
    @Test func dataSourcesReadFiles() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "hello".write(toFile: dir + "/in", atomically: true, encoding: .utf8)
        for type in ["local_file", "local_sensitive_file"] {
            let block = provider.schema().dataSources[type]!.block
            let (v, diags) = provider.readDataSource(typeName: type, config: block.object(["filename": .string(dir + "/in")]))
            #expect(diags.isEmpty)
            #expect(v["content"]?.str == "hello" && v["content_base64"]?.str == "aGVsbG8=")
            #expect(v["id"]?.str == "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d")
            let (_, missing) = provider.readDataSource(typeName: type, config: block.object(["filename": .string(dir + "/none")]))
            #expect(missing.first?.summary == "Read local file data source error")
            #expect(missing.first?.detail == "The file at given path cannot be read.\n\n+Original Error: open \(dir)/none: no such file or directory")
        }
    }
}
