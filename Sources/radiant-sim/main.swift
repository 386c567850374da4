import RadiantSim

#if canImport(Glibc)
import Glibc
#endif

let code = await RadiantSimCommand.run(Array(CommandLine.arguments.dropFirst()))
exit(code)
