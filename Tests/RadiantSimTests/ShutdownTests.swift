import Foundation
import RadiantSim
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Shutdown")
struct ShutdownTests {
    @Test("stop() returns even while a client holds a half-sent request open")
    func stopWithOpenConnection() async throws {
        let sim = try await RadiantSimulator.start(port: 0)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(sim.port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(connected == 0)
        let partial = Array("GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8)
        _ = partial.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        let started = Date()
        await sim.stop()
        close(fd)
        #expect(Date().timeIntervalSince(started) < 8)
    }
}
