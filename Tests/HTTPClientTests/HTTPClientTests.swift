import Testing
@testable import HTTPClient
import TestSupport

@Suite(.serialized) struct HTTPClientTests {
    @Test func getsFromLoopbackServer() throws {
        let server = try LoopbackServer { req in
            (200, [("X-Echo-Path", req.path), ("Content-Type", "text/plain")], Array("hello \(req.method)".utf8))
        }
        defer { server.stop() }
        let response = try HTTPClient.send(HTTPRequest(url: server.baseURL + "/a/b?c=1"))
        #expect(response.status == 200)
        #expect(response.bodyText == "hello GET")
        #expect(response.header("x-echo-path") == "/a/b?c=1")
        #expect(response.header("Content-Type") == "text/plain")
    }

    @Test func sendsCustomMethodsBodiesHeadersAndBasicAuth() throws {
        let server = try LoopbackServer { req in
            let summary = "\(req.method) \(req.headers["authorization"] ?? "-") \(req.headers["x-a"] ?? "-") \(String(decoding: req.body, as: UTF8.self))"
            return (423, [], Array(summary.utf8))
        }
        defer { server.stop() }
        var request = HTTPRequest(method: "LOCK", url: server.baseURL + "/state", headers: [("X-A", "b")], body: Array("{\"ID\":\"1\"}".utf8))
        request.basicAuth = ("user", "pw")
        let response = try HTTPClient.send(request)
        #expect(response.status == 423)
        // "user:pw" in base64
        #expect(response.bodyText == "LOCK Basic dXNlcjpwdw== b {\"ID\":\"1\"}")
    }

    @Test func connectionRefusedIsATransientError() throws {
        let server = try LoopbackServer { _ in (200, [], []) }
        let url = server.baseURL
        server.stop()
        do {
            _ = try HTTPClient.send(HTTPRequest(url: url, timeout: 5, connectTimeout: 2))
            Issue.record("expected an error")
        } catch let error as HTTPError {
            #expect(error.isTransient)
        }
    }

    @Test func redactsCredentialsInURLs() {
        #expect(HTTPClient.redactedURL("https://u:secret@host/x") == "https://REDACTED@host/x")
        #expect(HTTPClient.redactedURL("https://host/x@y") == "https://host/x@y")
    }
}
