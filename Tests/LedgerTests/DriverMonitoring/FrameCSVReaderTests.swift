import Testing

@testable import Ledger

@Suite struct FrameCSVReaderTests {
    func read(_ text: String, fps: Double? = nil, file: String = "trip.csv", chunk: Int = .max) throws -> MonitoringFileContents {
        try FrameCSVReader(fps: fps).read(source: MemoryByteSource(text, chunkLimit: chunk), file: file)
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

    @Test(arguments: [("12.345", 12.345), ("-0.5", -0.5), (".25", 0.25), ("1e2", 100.0), ("7", 7.0)])
    func decimalParsing(text: String, value: Double) {
        let parsed = Array(text.utf8).withUnsafeBytes { DecimalText.parse($0) }
        #expect(parsed == value)
    }

    @Test(arguments: [(2.5, 3, "2.500"), (-0.0004, 3, "0.000"), (-1.2345, 2, "-1.23"), (1799.9999, 3, "1800.000"), (0.15, 4, "0.1500")])
    func fixedFormatting(value: Double, digits: Int, text: String) {
        #expect(DecimalText.fixed(value, digits) == text)
    }
}
