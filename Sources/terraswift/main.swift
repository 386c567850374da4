import CLI
import Foundation

let arguments = CommandLine.arguments
let programName = URL(fileURLWithPath: arguments.first ?? "terraform").lastPathComponent
let code = Terraswift.run(programName: programName == "terraswift" ? "terraswift" : "terraform",
                          arguments: Array(arguments.dropFirst()),
                          environment: ProcessInfo.processInfo.environment,
                          workingDirectory: FileManager.default.currentDirectoryPath,
                          io: .standard)
exit(code)
