import Testing
@testable import Config

@Suite struct ModuleSourceTests {
    @Test(arguments: [
        ("./modules/net", "./modules/net"),
        ("./modules//net/", "./modules/net"),
        ("../shared", "../shared"),
        ("./a/../b", "./b"),
        (".\\win\\path", "./win/path"),
    ])
    func localPathsAreCleaned(_ raw: String, _ expected: String) throws {
        #expect(try ModuleSource.parse(raw) == .local(expected))
    }

    @Test func registryAddresses() throws {
        let short = try ModuleSource.parse("hashicorp/consul/aws")
        guard case .registry(let a, let sub) = short else { Issue.record("not registry"); return }
        #expect(a.description == "registry.terraform.io/hashicorp/consul/aws")
        #expect(a.forDisplay == "hashicorp/consul/aws")
        #expect(sub == "")

        let gitlab = try ModuleSource.parse("gitlab.example.org/muses/radiant-cluster/openstack//modules/nodes")
        guard case .registry(let g, let gsub) = gitlab else { Issue.record("not registry"); return }
        #expect(g.host == "gitlab.example.org" && g.namespace == "muses" && g.name == "radiant-cluster" && g.target == "openstack")
        #expect(gsub == "modules/nodes")
        #expect(gitlab.description == "gitlab.example.org/muses/radiant-cluster/openstack//modules/nodes")
    }

    @Test(arguments: [
        ("github.com/hashicorp/example", "git::https://github.com/hashicorp/example.git", ""),
        ("github.com/hashicorp/example//sub?ref=v1", "git::https://github.com/hashicorp/example.git?ref=v1", "sub"),
        ("git@github.com:org/repo.git", "git::ssh://git@github.com/org/repo.git", ""),
        ("git::https://example.com/vpc.git?ref=v1.2.0", "git::https://example.com/vpc.git?ref=v1.2.0", ""),
        ("git::file:///tmp/repo//sub?ref=v1", "git::file:///tmp/repo?ref=v1", "sub"),
        ("https://example.com/vpc-module.zip", "https://example.com/vpc-module.zip", ""),
        ("https://example.com/m.tgz//inner", "https://example.com/m.tgz", "inner"),
    ])
    func remoteAddresses(_ raw: String, _ package: String, _ subdir: String) throws {
        #expect(try ModuleSource.parse(raw) == .remote(package: package, subdir: subdir))
    }

    @Test func remoteStringPutsSubdirBeforeQuery() throws {
        #expect(try ModuleSource.parse("git::file:///tmp/repo//sub?ref=v1").description == "git::file:///tmp/repo//sub?ref=v1")
    }

    @Test(arguments: ["", "not-a-module", "git::https://x//../escape"])
    func invalidSources(_ raw: String) {
        #expect(throws: ModuleSource.ParseError.self) { try ModuleSource.parse(raw) }
    }

    @Test func githubLookalikeIsNotARegistryAddress() throws {
        // Three parts like a registry address, but github.com is a git shorthand.
        guard case .remote = try ModuleSource.parse("github.com/org/repo") else {
            Issue.record("github.com/org/repo must be a git source"); return
        }
    }
}

@Suite struct VersionConstraintTests {
    func v(_ s: String) -> ModuleVersion { ModuleVersion(s)! }

    @Test func ordersVersionsLikeSemver() {
        #expect(v("1.2.3") < v("1.10.0"))
        #expect(v("1.0.0-beta") < v("1.0.0"))
        #expect(v("1.0.0-alpha.2") < v("1.0.0-alpha.10"))
        #expect(v("1.0.0-alpha") < v("1.0.0-alpha.1"))
        #expect(v("1.2") == v("1.2.0"))
        #expect(ModuleVersion("1.x") == nil && ModuleVersion("") == nil && ModuleVersion("1.2.3.4") == nil)
    }

    @Test(arguments: [
        ("~> 1.2", ["1.2.0", "1.9.9"], ["2.0.0", "1.1.9"]),
        ("~> 1.2.3", ["1.2.3", "1.2.99"], ["1.3.0", "1.2.2"]),
        ("~> 1", ["1.0.0", "7.0.0"], ["0.9.0"]),
        (">= 1.0, < 2.0", ["1.0.0", "1.99.0"], ["2.0.0", "0.9.0"]),
        ("!= 1.5.0", ["1.4.0"], ["1.5.0"]),
        ("1.2.0", ["1.2.0"], ["1.2.1"]),
        ("= 2.0.0-rc1", ["2.0.0-rc1"], ["2.0.0"]),
        (">= 1.0", ["1.5.0"], ["2.0.0-beta"]),
    ])
    func constraintsMatchTerraformRules(_ constraint: String, _ yes: [String], _ no: [String]) throws {
        let c = try VersionConstraints(constraint)
        for s in yes { #expect(c.allows(v(s)), "\(constraint) should allow \(s)") }
        for s in no { #expect(!c.allows(v(s)), "\(constraint) should not allow \(s)") }
    }

    @Test func picksTheNewestAllowed() throws {
        let c = try VersionConstraints("~> 1.1")
        #expect(c.newest(of: ["1.0.0", "1.1.0", "1.4.2", "2.0.0", "1.5.0-beta"].map(v))?.description == "1.4.2")
    }

    @Test func rejectsMalformedConstraints() {
        #expect(throws: VersionConstraints.ParseError.self) { try VersionConstraints(">= banana") }
        #expect(throws: VersionConstraints.ParseError.self) { try VersionConstraints("") }
        #expect(throws: VersionConstraints.ParseError.self) { try VersionConstraints(">= 1,") }
    }
}
