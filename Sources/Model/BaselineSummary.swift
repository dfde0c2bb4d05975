/// How a scan compared with a baseline, for reporters.
public struct BaselineSummary: Sendable, Equatable {
    /// A baseline entry that is no longer found.
    public struct Fixed: Sendable, Equatable {
        public var rule: String
        public var path: String
        public var phase: String?

        public init(rule: String, path: String, phase: String?) {
            self.rule = rule
            self.path = path
            self.phase = phase
        }
    }

    /// The baseline file as given.
    public var file: String
    public var new: Int
    public var unchanged: Int
    public var fixed: [Fixed]

    public init(file: String, new: Int, unchanged: Int, fixed: [Fixed]) {
        self.file = file
        self.new = new
        self.unchanged = unchanged
        self.fixed = fixed
    }
}
