import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-thread HTTP/1.1 server on 127.0.0.1 for tests: answers each request
/// with `handler` and closes the connection. Stopped by `stop()`.
public final class LoopbackServer: @unchecked Sendable {
    public struct Request {
        public var method: String
        public var path: String
        public var headers: [String: String]
        public var body: [UInt8]
    }

    public let port: UInt16
    private let fd: Int32
    private let thread: Thread
    private let lock = NSLock()
    private var stopped = false

    public init(handler: @escaping @Sendable (Request) -> (Int, [(String, String)], [UInt8])) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        self.fd = fd
        self.port = UInt16(bigEndian: addr.sin_port)
        self.thread = Thread {
            while true {
                let client = accept(fd, nil, nil)
                // The listening socket is closed here, by its own thread, once stop() has shut it
                // down: closing it in stop() would free the descriptor number while this loop may
                // still be about to accept on it, and a server started next could get that number.
                if client < 0 { close(fd); return }
                LoopbackServer.serve(client, handler)
                close(client)
            }
        }
        thread.start()
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public func stop() {
        lock.lock(); defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        shutdown(fd, Int32(SHUT_RDWR))
    }

    deinit { stop() }

    private static func serve(_ client: Int32, _ handler: (Request) -> (Int, [(String, String)], [UInt8])) {
        var data: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        var headerEnd: Int?
        var contentLength = 0
        while true {
            let n = read(client, &buf, buf.count)
            if n <= 0 { break }
            data.append(contentsOf: buf[0..<n])
            if headerEnd == nil, let r = find(data, [13, 10, 13, 10]) {
                headerEnd = r + 4
                let head = String(decoding: data[0..<r], as: UTF8.self)
                for line in head.split(separator: "\r\n").dropFirst() {
                    let parts = line.split(separator: ":", maxSplits: 1)
                    if parts.count == 2, parts[0].lowercased() == "content-length" {
                        contentLength = Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
                    }
                }
            }
            if let h = headerEnd, data.count >= h + contentLength { break }
        }
        guard let h = headerEnd else { return }
        let head = String(decoding: data[0..<(h - 4)], as: UTF8.self)
        let lines = head.split(separator: "\r\n")
        let requestLine = lines.first?.split(separator: " ") ?? []
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        let request = Request(method: requestLine.count > 0 ? String(requestLine[0]) : "",
                              path: requestLine.count > 1 ? String(requestLine[1]) : "",
                              headers: headers, body: Array(data[h..<min(data.count, h + contentLength)]))
        let (status, respHeaders, body) = handler(request)
        var response = "HTTP/1.1 \(status) X\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
        for (k, v) in respHeaders { response += "\(k): \(v)\r\n" }
        response += "\r\n"
        let bytes = Array(response.utf8) + body
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBufferPointer { write(client, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            off += n
        }
    }

    private static func find(_ hay: [UInt8], _ needle: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<i + needle.count]) == needle {
            return i
        }
        return nil
    }
}
