import Testing

@testable import Ledger

@Suite struct FrameCSVReaderTests {
    func read(
        _ text: String, fps: Double? = nil, file: String = "trip.csv", chunk: Int = .max,
        chunkSize: Int = FrameCSVTokenizer.defaultChunkSize
    ) throws -> MonitoringFileContents {
        var reader = FrameCSVReader(fps: fps)
        reader.chunkSize = chunkSize
        return try reader.read(source: MemoryByteSource(text, chunkLimit: chunk), file: file)
    }

    /// The frames of a session as comparable text (NaN-safe).
    func summary(_ s: SessionFrames) -> [String] {
        (0..<s.count).map { i in
            "\(s.time[i]) \(s.faceDetected[i]) \(s.eyeLeft[i]) \(s.eyeRight[i]) \(s.zone[i]) \(s.phoneUse[i]) \(s.yawning[i]) \(s.speed[i])"
        }
    }

    static let tricky = [
        // BOM, CRLF, quoted header and fields, blank line, no trailing newline.
        "\u{FEFF}t_s,\"face_detected\",eye_open_l,eye_open_r,gaze_zone,phone_use,speed_kmh\r\n"
            + "0.000,1,0.91,0.88,road,0,52.5\r\n0.033,1,\"0.10\",0.12,\"mirror_left\",,\r\n\r\n"
            + "0.067,0,,,unknown,1,60.0\r\n0.100,1,0.5,0.5,phone,1,\"61.25\"",
        // The same data with LF, unquoted, trailing newline.
        "t_s,face_detected,eye_open_l,eye_open_r,gaze_zone,phone_use,speed_kmh\n"
            + "0.000,1,0.91,0.88,road,0,52.5\n0.033,1,0.10,0.12,mirror_left,,\n\n"
            + "0.067,0,,,unknown,1,60.0\n0.100,1,0.5,0.5,phone,1,61.25\n",
    ]

    @Test(arguments: [4, 5, 11, 32, 4096])
    func quotingLineEndsAndChunkSplitsGiveTheSameFrames(chunkSize: Int) throws {
        let expected = try read(Self.tricky[1])
        #expect(expected.sessions[0].count == 4)
        for text in Self.tricky {
            for chunk in [1, 3, Int.max] {
                let contents = try read(text, chunk: chunk, chunkSize: chunkSize)
                #expect(contents.diagnostics.isEmpty)
                #expect(contents.sessions.count == 1)
                #expect(summary(contents.sessions[0]) == summary(expected.sessions[0]))
                #expect(contents.sessions[0].sessionID == "trip")
            }
        }
    }

    @Test(arguments: [4, 7, 4096])
    func badNumbersAreRejectedWithTheirLineAtEveryChunkSize(chunkSize: Int) throws {
        let text = "t_s,face_detected,eye_open_l,eye_open_r,gaze_zone,speed_kmh\n"
            + "0,1,1,1,road,50\n"
            + "0.1,1,0.8x,1,road,50\n"  // line 3
            + "\"0.2\",1,1,1,\"a\nnote\",50\n"  // lines 4-5: quoted, with a line break
            + "0.3,1,1,1,road,fast\r\n"  // line 6
            + "0.4,1,1,1,road,\"5,0\"\n"  // line 7
            + "0.5,1,1,1,road,12.5"  // line 8, no newline
        let contents = try read(text, file: "s/trip.csv", chunkSize: chunkSize)
        #expect(contents.sessions[0].time == [0, 0.5])
        #expect(contents.rejectedRows == 4)
        #expect(contents.diagnostics.map(\.description) == [
            "s/trip.csv:3: error: eye_open_l \"0.8x\" must be empty or a number from 0 (row rejected)",
            "s/trip.csv:4: error: unknown gaze_zone \"a\\u{A}note\" (expected one of road, mirror_left, mirror_center, mirror_right, window_left, window_right, cluster, infotainment, phone, lap, passenger, other, unknown) (row rejected)",
            "s/trip.csv:6: error: speed_kmh \"fast\" must be empty or a number (row rejected)",
            "s/trip.csv:7: error: speed_kmh \"5,0\" must be empty or a number (row rejected)",
        ])
    }

    @Test func anUnterminatedQuoteRejectsTheLastRow() throws {
        let text = "t_s,face_detected,eye_open_l,eye_open_r,gaze_zone\n0,1,1,1,road\n0.1,1,1,1,\"road\n"
        let contents = try read(text, chunkSize: 8)
        #expect(contents.sessions[0].count == 1)
        #expect(contents.diagnostics.map(\.message) == ["unterminated quoted field (opened on line 3) (row rejected)"])
        #expect(contents.diagnostics.first?.line == 3)
    }

    @Test(arguments: [1, 7, 4096])
    func readsFramesAcrossChunks(chunk: Int) throws {
        let text = """
            t_s,face_detected,eye_open_l,eye_open_r,gaze_zone,phone_use,speed_kmh
            0.0,1,0.9,0.8,road,0,52.5
            0.1,1,,0.8,mirror_left,,
            0.2,0,0.1,0.1,,1,60

            """
        let contents = try read(text, chunk: chunk)
        #expect(contents.diagnostics.isEmpty)
        let s = try #require(contents.sessions.first)
        #expect(s.sessionID == "trip")
        #expect(s.time == [0, 0.1, 0.2])
        #expect(s.zone == [.road, .mirrorLeft, .unknown])
        #expect(s.faceDetected == [true, true, false])
        #expect(s.eyeLeft[1].isNaN)
        #expect(s.phoneUse == [0, -1, 1])
        #expect(s.speed[0] == 52.5 && s.speed[1].isNaN)
        #expect(s.hasSpeed)
    }

    @Test func nonIncreasingTimeIsRejectedWithItsLineNumber() throws {
        let text = "t_s,face_detected,eye_open_l,eye_open_r,gaze_zone\n1.0,1,1,1,road\n1.0,1,1,1,road\n0.5,1,1,1,road\n1.1,1,1,1,road\n"
        let contents = try read(text)
        #expect(contents.rejectedRows == 2)
        #expect(contents.sessions[0].time == [1.0, 1.1])
        #expect(contents.diagnostics.map(\.line) == [3, 4])
        #expect(contents.diagnostics[0].description.hasPrefix("trip.csv:3: error: time 1.0 s is not after the previous accepted row (1.0 s)"))
    }

    @Test func unknownZoneIsRejectedWithItsLineNumber() throws {
        let text = "t_s,face_detected,eye_open_l,eye_open_r,gaze_zone\n0,1,1,1,road\n0.1,1,1,1,glovebox\n0.2,1,1,1,road\n"
        let contents = try read(text)
        #expect(contents.rejectedRows == 1)
        #expect(contents.diagnostics.first?.line == 3)
        #expect(contents.diagnostics.first?.message.contains("unknown gaze_zone \"glovebox\"") == true)
        #expect(contents.sessions[0].count == 2)
    }

    @Test(arguments: [
        ("0,2,1,1,road", "face_detected \"2\" must be 0 or 1"),
        ("0,1,-0.5,1,road", "eye_open_l \"-0.5\" must be empty or a number from 0"),
        ("x,1,1,1,road", "t_s \"x\" is not a number of seconds"),
        ("0,1,1,road", "expected 5 fields, found 4"),
    ])
    func malformedRowsAreRejected(row: String, message: String) throws {
        let text = "t_s,face_detected,eye_open_l,eye_open_r,gaze_zone\n\(row)\n1,1,1,1,road\n"
        let contents = try read(text)
        #expect(contents.rejectedRows == 1)
        #expect(contents.diagnostics.first?.message == message + " (row rejected)")
        #expect(contents.diagnostics.first?.line == 2)
    }

    @Test func missingColumnsFailTheFile() {
        #expect(throws: MonitoringFileError(file: "trip.csv", line: 1, "missing required columns \"t_s\", \"gaze_zone\" (found: face_detected,eye_open_l,eye_open_r)")) {
            try read("face_detected,eye_open_l,eye_open_r\n1,1,1\n")
        }
    }

    @Test func frameIndexNeedsFPS() throws {
        let text = "frame_index,face_detected,eye_open_l,eye_open_r,gaze_zone\n0,1,1,1,road\n3,1,1,1,road\n"
        #expect(throws: MonitoringFileError.self) { try read(text) }
        let contents = try read(text, fps: 30)
        #expect(contents.sessions[0].time == [0, 0.1])
    }

    @Test func unknownColumnsGiveOneWarning() throws {
        let text = "t_s,face_detected,eye_open_l,eye_open_r,gaze_zone,head_yaw,head_pitch\n0,1,1,1,road,3,4\n0.1,1,1,1,road,3,4\n"
        let contents = try read(text)
        #expect(contents.diagnostics.count == 1)
        #expect(contents.diagnostics[0].severity == .warning)
        #expect(contents.diagnostics[0].message == "ignoring unknown columns \"head_yaw\", \"head_pitch\"")
    }

    @Test func manySessionsKeyedBySessionID() throws {
        let text = """
            session_id,t_s,face_detected,eye_open_l,eye_open_r,gaze_zone,driver_id,vin
            a,0,1,1,1,road,D1,VIN-A
            b,5,1,1,1,road,D2,
            a,0.1,1,1,1,road,D1,VIN-A
            b,4,1,1,1,road,D2,
            b,5.1,1,1,1,road,D3,

            """
        let contents = try read(text)
        #expect(contents.sessions.map(\.sessionID) == ["a", "b"])
        #expect(contents.sessions[0].time == [0, 0.1])
        #expect(contents.sessions[1].time == [5, 5.1])
        #expect(contents.sessions[0].vin == "VIN-A")
        #expect(contents.sessions[1].vin == nil)
        #expect(contents.sessions[1].driverID == "D2")
        #expect(contents.rejectedRows == 1)
        #expect(contents.diagnostics.map(\.line) == [5, 6])
        #expect(contents.diagnostics[1].severity == .warning)
    }

    @Test func aFileWithoutAcceptedRowsFails() {
        #expect(throws: MonitoringFileError.self) {
            try read("t_s,face_detected,eye_open_l,eye_open_r,gaze_zone\n0,1,1,1,nowhere\n")
        }
        #expect(throws: MonitoringFileError.self) { try read("") }
    }

    @Test func rejectedRowsBeyondTheLimitAreSummarised() throws {
        var text = "t_s,face_detected,eye_open_l,eye_open_r,gaze_zone\n"
        for k in 0..<50 { text += "\(k),1,1,1,\(k % 2 == 0 ? "road" : "moon")\n" }
        let contents = try read(text)
        #expect(contents.rejectedRows == 25)
        #expect(contents.diagnostics.count == 21)
        #expect(contents.diagnostics.last?.message == "5 more rows rejected (25 in all)")
    }

    @Test(arguments: [
        ("12.345", 12.345), ("-0.5", -0.5), (".25", 0.25), ("1e2", 100.0), ("7", 7.0), ("+1.5", 1.5), ("1.", 1.0),
        ("0.033", 0.033), ("1799.967", 1799.967), ("123456789012345", 123_456_789_012_345), ("12345678", 12_345_678),
        ("1234567.8", 1234567.8), (".1234567", 0.1234567), ("00000000", 0), ("99999999", 99_999_999), ("5.", 5),
        ("1234567890.123456789", 1234567890.123456789), ("0.0000000000000001", 1e-16), ("-0.000", -0.0),
    ])
    func decimalParsing(text: String, value: Double) {
        let parsed = Array(text.utf8).withUnsafeBytes { DecimalText.parse($0) }
        #expect(parsed == value)
        #expect(parsed == Double(text), "the same value as the standard library's parser")
        // The word-at-a-time parse, with digits right after the field that must not leak in.
        let padded = Array(text.utf8) + Array("98765432".utf8)
        let fast = padded.withUnsafeBytes { DecimalText.parsePadded(UnsafeRawBufferPointer(rebasing: $0[0..<text.utf8.count])) }
        #expect(fast?.bitPattern == value.bitPattern)
    }

    /// The word-at-a-time parse agrees with the byte loop on short fields, whatever follows them.
    @Test func paddedParsingAgreesWithTheByteLoop() {
        var state: UInt64 = 0x1234_5678
        func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet = Array("0123456789.0123456789.-+e x".utf8)
        var mismatches: [String] = []
        for _ in 0..<50_000 {
            let field = (0..<(1 + random(10))).map { _ in alphabet[random(alphabet.count)] }
            let padded = field + (0..<8).map { _ in UInt8(truncatingIfNeeded: random(256)) }
            let fast = padded.withUnsafeBytes { DecimalText.parsePadded(UnsafeRawBufferPointer(rebasing: $0[0..<field.count])) }
            let slow = field.withUnsafeBytes { DecimalText.parse($0) }
            if fast?.bitPattern != slow?.bitPattern { mismatches.append(String(decoding: field, as: UTF8.self)) }
        }
        #expect(mismatches.isEmpty)
    }

    @Test(arguments: ["", "-", "+", ".", "-.", "1.2.3", "1,5", "x", "1e", "nan", "inf", "1e999", " 1"])
    func notDecimals(text: String) {
        #expect(Array(text.utf8).withUnsafeBytes { DecimalText.parse($0) } == nil)
        let padded = Array(text.utf8) + Array("12345678".utf8)
        #expect(padded.withUnsafeBytes { DecimalText.parsePadded(UnsafeRawBufferPointer(rebasing: $0[0..<text.utf8.count])) } == nil)
    }

    @Test func everyGazeZoneParsesFromItsName() {
        for zone in GazeZone.allCases {
            #expect(Array(zone.name.utf8).withUnsafeBytes { GazeZone.parse($0) } == zone)
        }
        #expect([UInt8]().withUnsafeBytes { GazeZone.parse($0) } == .unknown)
        for wrong in ["Road", "roads", "rod", "mirror_centre", "lap ", "phon", "window_lefT", "infotainmenT", "x"] {
            #expect(Array(wrong.utf8).withUnsafeBytes { GazeZone.parse($0) } == nil, "\(wrong)")
        }
    }

    @Test(arguments: [(2.5, 3, "2.500"), (-0.0004, 3, "0.000"), (-1.2345, 2, "-1.23"), (1799.9999, 3, "1800.000"), (0.15, 4, "0.1500")])
    func fixedFormatting(value: Double, digits: Int, text: String) {
        #expect(DecimalText.fixed(value, digits) == text)
    }
}
