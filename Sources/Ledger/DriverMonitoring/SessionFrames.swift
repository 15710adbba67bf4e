/// The accepted frames of one recorded session, column by column.
///
/// Unknown values are NaN (openness, speed) or -1 (0/1 flags), so that a 30-minute session
/// at 30 fps costs about 2 MB and no per-frame allocation.
public struct SessionFrames: Sendable {
    /// The session id (`session_id` column, else the file name without extension).
    public var sessionID: String
    /// The input file, as given.
    public var sourceFile: String
    public var driverID: String?
    public var vin: String?
    /// Whether the input has a speed column (speed gating applies).
    public var hasSpeed = false
    /// Whether the input carries eye state at all (OpenLABEL files may not).
    public var hasEyeState = true

    /// Frame start times, strictly increasing, in seconds.
    public var time: [Double] = []
    public var faceDetected: [Bool] = []
    public var eyeLeft: [Double] = []
    public var eyeRight: [Double] = []
    public var zone: [GazeZone] = []
    /// 1, 0, or -1 when empty.
    public var phoneUse: [Int8] = []
    /// 1, 0, or -1 when empty.
    public var yawning: [Int8] = []
    /// km/h, NaN when empty.
    public var speed: [Double] = []

    public init(sessionID: String, sourceFile: String) {
        self.sessionID = sessionID
        self.sourceFile = sourceFile
    }

    /// Number of frames.
    public var count: Int { time.count }

    /// Appends one frame.
    public mutating func append(
        time t: Double, faceDetected face: Bool, eyeLeft left: Double, eyeRight right: Double, zone z: GazeZone,
        phoneUse phone: Int8 = -1, yawning yawn: Int8 = -1, speed v: Double = .nan
    ) {
        time.append(t)
        faceDetected.append(face)
        eyeLeft.append(left)
        eyeRight.append(right)
        zone.append(z)
        phoneUse.append(phone)
        yawning.append(yawn)
        speed.append(v)
    }

    mutating func reserve(_ n: Int) {
        time.reserveCapacity(n)
        faceDetected.reserveCapacity(n)
        eyeLeft.reserveCapacity(n)
        eyeRight.reserveCapacity(n)
        zone.reserveCapacity(n)
        phoneUse.reserveCapacity(n)
        yawning.reserveCapacity(n)
        speed.reserveCapacity(n)
    }
}
