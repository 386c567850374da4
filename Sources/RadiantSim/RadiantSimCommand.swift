import Foundation
import JSON

/// `radiant-sim serve ...`: parses arguments, starts the simulator, prints where everything is.
public enum RadiantSimCommand {
    static let usage = """
    Usage: radiant-sim serve [options]

    Options:
      --port N              port to listen on (0 = any free port; default 0)
      --host ADDR           loopback address to bind (default 127.0.0.1; only loopback is allowed)
      --state-dir DIR       keep state, clouds.yaml, env and requests.log in DIR (default: in memory)
      --build-delay S       seconds a new server stays in BUILD (default 1)
      --delete-delay S      seconds a deleted server stays visible (default 0.3)
      --token-ttl S         Keystone token lifetime in seconds (default 3600)
      --faults FILE         JSON fault plan (same shape as PUT /_sim/faults)
      --cluster-nodes C,W   control-plane and worker nodes a Rancher cluster needs to turn active (default 1,0)
      --quota NAME=N        override a quota (instances, cores, ram, network, subnet, port, router, floatingip,
                            security_group, security_group_rule, volumes, gigabytes); repeatable
      --no-request-log      do not write requests.log
      --tls                 serve HTTPS with a generated CA and server certificate (127.0.0.1, ::1, localhost);
                            the CA is kept in DIR/tls/ca.pem and named in clouds.yaml (cacert) and env (OS_CACERT)

    """

    public static func run(_ args: [String]) async -> Int32 {
        guard let command = args.first else {
            FileHandle.standardError.write(Data(usage.utf8))
            return 2
        }
        switch command {
        case "serve":
            break
        case "help", "--help", "-h":
            print(usage, terminator: "")
            return 0
        default:
            FileHandle.standardError.write(Data("radiant-sim: unknown command \"\(command)\"\n\n\(usage)".utf8))
            return 2
        }
        var options = SimOptions()
        var faultFile: String?
        var i = 1
        func value() -> String? {
            i += 1
            return i < args.count ? args[i] : nil
        }
        func fail(_ message: String) -> Int32 {
            FileHandle.standardError.write(Data("radiant-sim: \(message)\n".utf8))
            return 2
        }
        while i < args.count {
            let a = args[i]
            switch a {
            case "--port":
                guard let v = value(), let p = Int(v), p >= 0, p < 65536 else { return fail("--port needs a number from 0 to 65535") }
                options.port = p
            case "--host":
                guard let v = value() else { return fail("--host needs an address") }
                guard v.hasPrefix("127.") || v == "::1" || v == "localhost" else { return fail("--host must be a loopback address") }
                options.host = v == "localhost" ? "127.0.0.1" : v
            case "--state-dir":
                guard let v = value() else { return fail("--state-dir needs a directory") }
                options.stateDir = (v as NSString).standardizingPath
            case "--build-delay", "--delete-delay", "--token-ttl":
                guard let v = value(), let d = Double(v), d >= 0 else { return fail("\(a) needs a number of seconds") }
                if a == "--build-delay" { options.buildDelay = d } else if a == "--delete-delay" { options.deleteDelay = d } else { options.tokenTTL = d }
            case "--faults":
                guard let v = value() else { return fail("--faults needs a file") }
                faultFile = v
            case "--cluster-nodes":
                guard let v = value() else { return fail("--cluster-nodes needs C,W") }
                let parts = v.split(separator: ",").compactMap { Int($0) }
                guard parts.count == 2, parts[0] >= 0, parts[1] >= 0 else { return fail("--cluster-nodes needs two numbers, e.g. 1,2") }
                options.clusterControlPlaneNodes = parts[0]
                options.clusterWorkerNodes = parts[1]
            case "--quota":
                guard let v = value() else { return fail("--quota needs NAME=N") }
                let kv = v.split(separator: "=")
                guard kv.count == 2, let n = Int(kv[1]), options.quotas.set(String(kv[0]), n) else { return fail("unknown quota or bad number in \"\(v)\"") }
            case "--no-request-log":
                options.requestLog = false
            case "--tls":
                options.tls = true
            default:
                return fail("unknown option \"\(a)\"\n\n\(usage)")
            }
            i += 1
        }
        var plan: JSONValue?
        if let faultFile {
            guard let data = FileManager.default.contents(atPath: faultFile) else { return fail("cannot read \(faultFile)") }
            do { plan = try JSON.parse(Array(data)) } catch { return fail("\(faultFile): \(error)") }
        }
        let sim: RadiantSimulator
        do {
            sim = try await RadiantSimulator.start(options: options)
        } catch {
            return fail("cannot start: \(error)")
        }
        if let plan, let problem = sim.setFaults(plan) {
            await sim.stop()
            return fail("\(faultFile ?? ""): \(problem)")
        }
        let c = sim.credentials
        var out = """
        radiant-sim listening on \(sim.baseURL)
          web page       \(sim.baseURL)/
          identity (OS_AUTH_URL)  \(c.authURL)
          compute        \(sim.baseURL)/compute/v2.1
          network        \(sim.baseURL)/network
          image          \(sim.baseURL)/image
          block-storage  \(sim.baseURL)/volume/v3/\(c.projectID)
          rancher        \(c.rancherURL)   (kubernetes proxy: \(c.rancherURL)/k8s/clusters/<id>)
          region         \(c.region)
        local simulator credentials:
          user \(c.username) / password \(c.password)  project \(c.projectName) (\(c.projectID)), domain Default
          application credential id \(c.applicationCredentialID) secret \(c.applicationCredentialSecret)
          rancher token \(c.rancherToken)

        """
        if let ca = sim.caCertificatePath {
            out += "  TLS: clients must trust the CA certificate \(ca)\n"
        }
        if let dir = options.stateDir {
            out += "  files: \(dir)/clouds.yaml (clouds radiant-sim, radiant-sim-appcred), \(dir)/env, \(dir)/state.json, \(dir)/requests.log\n"
        }
        print(out, terminator: "")
        fflush(stdout)
        let signals = [SIGINT, SIGTERM].map { sig -> DispatchSourceSignal in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig)
            source.setEventHandler {
                // Every change is already on disk, so exiting promptly loses nothing; stop() gets a few seconds.
                DispatchQueue.global().asyncAfter(deadline: .now() + 6) { exit(0) }
                Task {
                    await sim.stop()
                    exit(0)
                }
            }
            source.resume()
            return source
        }
        await sim.waitUntilStopped()
        _ = signals
        return 0
    }
}

extension SimOptions.Quotas {
    mutating func set(_ name: String, _ n: Int) -> Bool {
        switch name {
        case "instances": instances = n
        case "cores": cores = n
        case "ram": ram = n
        case "key_pairs": keyPairs = n
        case "network": network = n
        case "subnet": subnet = n
        case "port": port = n
        case "router": router = n
        case "floatingip": floatingip = n
        case "security_group": securityGroup = n
        case "security_group_rule": securityGroupRule = n
        case "volumes": volumes = n
        case "gigabytes": gigabytes = n
        default: return false
        }
        return true
    }
}
