import Foundation

/// Paths of the terraform-made fixtures (see Fixtures/make-fixtures.sh).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    static func path(_ name: String) -> String { directory + "/" + name }

    static func bytes(_ name: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path(name))))) ?? []
    }

    static func text(_ name: String) -> String { String(decoding: bytes(name), as: UTF8.self) }

    /// Every state file terraform wrote for the fixtures.
    static var terraformWrittenStates: [String] {
        let expected = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/expected")) ?? []
        return ["full.tfstate"] + expected.filter { $0.hasSuffix(".tfstate") }.sorted().map { "expected/" + $0 }
    }

    static let terraformPath = "/usr/local/bin/terraform"
    static var hasTerraform: Bool { FileManager.default.isExecutableFile(atPath: terraformPath) }

    /// A fresh temporary directory, removed by the caller.
    static func tempDirectory() -> String {
        let dir = NSTemporaryDirectory() + "/statetests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}
