import Foundation
import JSON

/// The accounts a simulator run offers, and the files that hand them to clients.
public struct SimCredentials: Sendable {
    public var authURL: String
    public var region: String
    public var username: String
    public var password: String
    public var projectName: String
    public var projectID: String
    public var applicationCredentialID: String
    public var applicationCredentialSecret: String
    public var rancherURL: String
    /// `token-xxxxx:secret`, as rancher2's token_key.
    public var rancherToken: String
    /// The CA certificate to trust when the simulator serves TLS.
    public var caCertificatePath: String?

    init(_ sim: Simulator) {
        let s = sim.store.withLock { sim.store.settings }
        authURL = sim.baseURL + "/identity/v3"
        region = sim.options.region
        username = s["user"]?.string("name") ?? ""
        password = s["user"]?.string("password") ?? ""
        projectName = s["project"]?.string("name") ?? ""
        projectID = s["project"]?.string("id") ?? ""
        applicationCredentialID = s["application_credential"]?.string("id") ?? ""
        applicationCredentialSecret = s["application_credential"]?.string("secret") ?? ""
        rancherURL = sim.baseURL
        rancherToken = (s["rancher_token"]?.string("name") ?? "") + ":" + (s["rancher_token"]?.string("secret") ?? "")
        caCertificatePath = sim.caCertificatePath
    }

    public var cloudsYAML: String {
        let cacert = caCertificatePath.map { "\n    cacert: \($0)" } ?? ""
        return """
        clouds:
          radiant-sim:
            auth:
              auth_url: \(authURL)
              username: \(username)
              password: \(password)
              project_name: \(projectName)
              user_domain_name: Default
              project_domain_name: Default
            region_name: \(region)
            interface: public
            identity_api_version: 3\(cacert)
          radiant-sim-appcred:
            auth_type: v3applicationcredential
            auth:
              auth_url: \(authURL)
              application_credential_id: \(applicationCredentialID)
              application_credential_secret: \(applicationCredentialSecret)
            region_name: \(region)
            interface: public
            identity_api_version: 3\(cacert)

        """
    }

    public var envFile: String {
        // With TLS, OpenStack clients verify against the generated CA; the Rancher lines stay as they are
        // (rancher2 takes the CA as PEM text in ca_certs, which an env file cannot carry well).
        let tlsLines = caCertificatePath.map { "export OS_CACERT=\($0)\n" } ?? ""
        return """
        export OS_AUTH_URL=\(authURL)
        export OS_REGION_NAME=\(region)
        export OS_USERNAME=\(username)
        export OS_PASSWORD=\(password)
        export OS_PROJECT_NAME=\(projectName)
        export OS_PROJECT_ID=\(projectID)
        export OS_USER_DOMAIN_NAME=Default
        export OS_PROJECT_DOMAIN_NAME=Default
        export OS_IDENTITY_API_VERSION=3
        export OS_APPLICATION_CREDENTIAL_ID=\(applicationCredentialID)
        export OS_APPLICATION_CREDENTIAL_SECRET=\(applicationCredentialSecret)
        export RANCHER_URL=\(rancherURL)
        export RANCHER_TOKEN_KEY=\(rancherToken)
        export RANCHER_INSECURE=true
        \(tlsLines)
        """
    }

    func writeFiles(into dir: String) throws {
        guard AtomicFile.write(Array(cloudsYAML.utf8), to: dir + "/clouds.yaml"),
              AtomicFile.write(Array(envFile.utf8), to: dir + "/env") else {
            throw SimStartError(message: "could not write clouds.yaml and env into \(dir)")
        }
    }
}
