import Crypto
import Foundation
import NIOSSL
import SwiftASN1
import X509

/// The certificates for `serve --tls`: a self-signed CA (kept in the state directory and
/// reused on restart, so clients that trust it keep working) and a server certificate for
/// 127.0.0.1, ::1 and localhost signed by it, made anew at every start. Generated in-process
/// with swift-certificates and swift-crypto (P-256 keys, ECDSA-SHA256).
public struct SimTLSFiles: Sendable {
    public var directory: String
    public var caCertificatePath: String { directory + "/ca.pem" }
    var caKeyPath: String { directory + "/ca-key.pem" }
    public var serverCertificatePath: String { directory + "/server.pem" }
    var serverKeyPath: String { directory + "/server-key.pem" }

    /// Makes (or reuses) the CA and makes a server certificate in `directory`.
    static func prepare(in directory: String, now: Date = Date()) throws -> SimTLSFiles {
        let files = SimTLSFiles(directory: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let (caKey, caCert) = try files.loadOrMakeCA(now: now)
        let serverKey = P256.Signing.PrivateKey()
        let serverName = try DistinguishedName {
            OrganizationName("radiant-sim")
            CommonName("localhost")
        }
        let loopbackV4: [UInt8] = [127, 0, 0, 1]
        let loopbackV6: [UInt8] = Array(repeating: 0, count: 15) + [1]
        let serverCert = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(serverKey.publicKey),
            notValidBefore: now.addingTimeInterval(-300),
            notValidAfter: now.addingTimeInterval(825 * 86_400),
            issuer: caCert.subject,
            subject: serverName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames([.dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: loopbackV4[...])),
                                         .ipAddress(ASN1OctetString(contentBytes: loopbackV6[...]))])
                SubjectKeyIdentifier(hash: Certificate.PublicKey(serverKey.publicKey))
                AuthorityKeyIdentifier(keyIdentifier: try caCert.extensions.subjectKeyIdentifier?.keyIdentifier)
            },
            issuerPrivateKey: Certificate.PrivateKey(caKey))
        try Self.write(try serverCert.serializeAsPEM().pemString + "\n", to: files.serverCertificatePath, secret: false)
        try Self.write(serverKey.pemRepresentation + "\n", to: files.serverKeyPath, secret: true)
        return files
    }

    private func loadOrMakeCA(now: Date) throws -> (P256.Signing.PrivateKey, Certificate) {
        if let keyText = try? String(contentsOfFile: caKeyPath, encoding: .utf8),
           let certText = try? String(contentsOfFile: caCertificatePath, encoding: .utf8),
           let key = try? P256.Signing.PrivateKey(pemRepresentation: keyText),
           let cert = try? Certificate(pemEncoded: certText),
           cert.publicKey == Certificate.PublicKey(key.publicKey),
           cert.notValidAfter > now.addingTimeInterval(86_400) {
            return (key, cert)
        }
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            OrganizationName("radiant-sim")
            CommonName("radiant-sim local CA")
        }
        let cert = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: now.addingTimeInterval(-300),
            notValidAfter: now.addingTimeInterval(10 * 365 * 86_400),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: Certificate.PublicKey(key.publicKey))
            },
            issuerPrivateKey: Certificate.PrivateKey(key))
        try Self.write(key.pemRepresentation + "\n", to: caKeyPath, secret: true)
        try Self.write(try cert.serializeAsPEM().pemString + "\n", to: caCertificatePath, secret: false)
        return (key, cert)
    }

    /// Written atomically; private keys readable by the owner only.
    private static func write(_ text: String, to path: String, secret: Bool) throws {
        guard AtomicFile.write(Array(text.utf8), to: path, mode: secret ? 0o600 : 0o644) else {
            throw SimStartError(message: "could not write \(path)")
        }
    }

    /// The server side of the TLS configuration for Hummingbird.
    func serverConfiguration() throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(serverCertificatePath)
        let key = try NIOSSLPrivateKey(file: serverKeyPath, format: .pem)
        return TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    }
}
