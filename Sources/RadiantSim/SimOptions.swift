/// Everything about a simulator run that a test or the command line may choose.
public struct SimOptions: Sendable {
    public var host = "127.0.0.1"
    public var port = 0
    /// Where state, clouds.yaml, the env file and the request log go; nil keeps everything in memory.
    public var stateDir: String?
    /// Seconds a new server stays in BUILD.
    public var buildDelay: Double = 1.0
    /// Seconds a deleted server stays visible (task_state "deleting").
    public var deleteDelay: Double = 0.3
    /// Seconds a new volume stays "creating".
    public var volumeDelay: Double = 0.3
    /// Keystone token lifetime in seconds.
    public var tokenTTL: Double = 3600
    /// Largest request body accepted (larger ones get the API's 413).
    public var maxBodyBytes = 1 << 20
    public var region = "RegionOne"
    public var quotas = Quotas()
    /// Control-plane and worker node counts a Rancher cluster needs before it turns active.
    public var clusterControlPlaneNodes = 1
    public var clusterWorkerNodes = 0
    /// Write the request log (to `stateDir/requests.log`).
    public var requestLog = true
    /// Serve HTTPS with a CA and server certificate generated at start-up (into `stateDir/tls`,
    /// or a new temporary directory when there is no state directory).
    public var tls = false

    public init() {}

    public struct Quotas: Sendable {
        public var network = 100
        public var subnet = 100
        public var port = 500
        public var router = 10
        public var floatingip = 50
        public var securityGroup = 10
        public var securityGroupRule = 100
        public var instances = 10
        public var cores = 20
        public var ram = 51200
        public var keyPairs = 100
        public var volumes = 10
        public var gigabytes = 1000
        public init() {}
    }
}
