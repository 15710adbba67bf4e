import Foundation
import FeedGenerator
import Testing

@testable import Ledger

/// Small synthetic OpenLABEL files with the structure of the DMD annotations.
@Suite struct OpenLABELReaderTests {
    static func document(frames: String, actions: String, objects: String = "{}") -> Data {
        Data(
            """
            {"openlabel": {"metadata": {"schema_version": "1.0.0"}, "objects": \(objects),
             "streams": {"face_camera": {"type": "camera"}},
             "actions": \(actions), "frames": \(frames)}}
            """.utf8)
    }

    static func plainFrames(_ count: Int, occluded: Set<Int> = [], stamped: Bool = false) -> String {
        "{" + (0..<count).map { k in
            var properties: [String] = []
            if occluded.contains(k) {
                properties.append("\"streams\": {\"face_camera\": {\"stream_properties\": {\"occlusion\": {\"val\": true, \"annotated\": \"manual\"}}}}")
            }
            if stamped { properties.append("\"timestamp\": \(Double(k) * 0.5)") }
            return "\"\(k)\": {\"frame_properties\": {\(properties.joined(separator: ", "))}}"
        }.joined(separator: ", ") + "}"
    }

    func read(_ data: Data, fps: Double = 10) throws -> MonitoringFileContents {
        try OpenLABELReader(fps: fps).read(data: data, file: "gA_1_s5_ann_gaze.json")
    }

    @Test func mapsDMDLabelsToZonesEyesAndPhone() throws {
        let actions = """
            {"0": {"name": "", "type": "gaze_on_road/looking_road", "frame_intervals": [{"frame_start": 0, "frame_end": 3}]},
             "1": {"name": "", "type": "gaze_on_road/not_looking_road", "frame_intervals": [{"frame_start": 4, "frame_end": 9}]},
             "2": {"name": "", "type": "gaze_zone/left_mirror", "frame_intervals": [{"frame_start": 4, "frame_end": 4}]},
             "3": {"name": "", "type": "gaze_zone/steering_wheel", "frame_intervals": [{"frame_start": 5, "frame_end": 5}]},
             "4": {"name": "", "type": "gaze_zone/not_valid", "frame_intervals": [{"frame_start": 6, "frame_end": 6}]},
             "5": {"name": "", "type": "gaze_zone/front_right", "frame_intervals": [{"frame_start": 7, "frame_end": 7}]},
             "6": {"name": "", "type": "eyes_state/close", "frame_intervals": [{"frame_start": 0, "frame_end": 1}]},
             "7": {"name": "", "type": "eyes_state/opening", "frame_intervals": [{"frame_start": 2, "frame_end": 2}]},
             "8": {"name": "", "type": "eyes_state/undefined", "frame_intervals": [{"frame_start": 3, "frame_end": 3}]},
             "9": {"name": "", "type": "eyes_state/open", "frame_intervals": [{"frame_start": 4, "frame_end": 9}]},
             "10": {"name": "", "type": "driver_actions/phonecall_right", "frame_intervals": [{"frame_start": 8, "frame_end": 9}]},
             "11": {"name": "", "type": "yawning/Yawning with hand", "frame_intervals": [{"frame_start": 9, "frame_end": 9}]},
             "12": {"name": "", "type": "hands_using_wheel/both", "frame_intervals": [{"frame_start": 0, "frame_end": 9}]}}
            """
        let contents = try read(Self.document(frames: Self.plainFrames(10), actions: actions,
            objects: "{\"0\": {\"name\": \"subject-1\", \"type\": \"driver\"}}"))
        #expect(contents.diagnostics.isEmpty)
        let s = try #require(contents.sessions.first)
        #expect(s.sessionID == "gA_1_s5_ann_gaze")
        #expect(s.driverID == "subject-1")
        #expect(s.zone == [.road, .road, .road, .road, .mirrorLeft, .cluster, .unknown, .road, .other, .other])
        #expect(s.eyeLeft[0] == 0 && s.eyeLeft[2] == 0.5 && s.eyeLeft[3].isNaN && s.eyeLeft[4] == 1)
        #expect(s.phoneUse[8] == 1 && s.phoneUse[7] == 0)
        #expect(s.yawning[9] == 1)
        #expect(abs(s.time[3] - 0.3) < 1e-12)
        #expect(s.hasEyeState)
    }

    @Test func occlusionMeansNoFaceAndTimestampsWin() throws {
        let actions = "{\"0\": {\"type\": \"gaze_on_road/looking_road\", \"frame_intervals\": [{\"frame_start\": 0, \"frame_end\": 4}]}}"
        let contents = try read(Self.document(frames: Self.plainFrames(5, occluded: [2], stamped: true), actions: actions))
        let s = try #require(contents.sessions.first)
        #expect(s.faceDetected == [true, true, false, true, true])
        #expect(s.time == [0, 0.5, 1.0, 1.5, 2.0])
    }

    @Test func intervalsPastTheLastFrameAreClampedWithAWarning() throws {
        let actions = "{\"0\": {\"type\": \"gaze_on_road/not_looking_road\", \"frame_intervals\": [{\"frame_start\": 2, \"frame_end\": 50}]}}"
        let contents = try read(Self.document(frames: Self.plainFrames(5), actions: actions))
        #expect(contents.sessions[0].zone == [.unknown, .unknown, .other, .other, .other])
        #expect(contents.diagnostics.count == 2)
        #expect(contents.diagnostics[0].message == "action 0 (gaze_on_road/not_looking_road): interval 2–50 runs outside the frames 0–4; clamped")
        #expect(contents.diagnostics[1].message == "no eyes_state labels: eye metrics are not available")
    }

    @Test func withoutEyeStateEyeMetricsAreNotAvailable() throws {
        let actions = "{\"0\": {\"type\": \"gaze_on_road/looking_road\", \"frame_intervals\": [{\"frame_start\": 0, \"frame_end\": 99}]}}"
        let contents = try read(Self.document(frames: Self.plainFrames(100), actions: actions))
        let score = SessionScorer(rules: MonitoringRules()).score(contents.sessions[0])
        #expect(score.perclos == nil && score.blinkCount == nil && score.count(.microsleep) == nil)
        #expect(score.validEye == 0)
        let cells = MonitoringTables.cells(of: score)
        #expect(cells[MonitoringTables.sessionColumns.firstIndex(of: "blink_count") ?? 0] == .empty)
        #expect(cells[MonitoringTables.sessionColumns.firstIndex(of: "long_distraction") ?? 0] == .number("0"))
    }

    @Test(arguments: [
        ("{}", "not an OpenLABEL file: no top-level \"openlabel\" (or VCD \"vcd\") object"),
        ("{\"openlabel\": {\"frames\": {}}}", "no frames: \"openlabel.frames\" is missing or empty"),
        ("{\"openlabel\": {\"frames\": {\"a\": {}}}}", "frame key \"a\" is not a frame number"),
    ])
    func malformedFilesFail(json: String, message: String) {
        #expect(throws: MonitoringFileError(file: "gA_1_s5_ann_gaze.json", message)) { try read(Data(json.utf8)) }
    }

    @Test func olderVCDFilesAreReadToo() throws {
        let json = "{\"vcd\": {\"frames\": {\"0\": {}, \"1\": {}}, \"actions\": {\"0\": {\"type\": \"gaze_on_road/looking_road\", \"frame_intervals\": [{\"frame_start\": 0, \"frame_end\": 1}]}}}}"
        let contents = try read(Data(json.utf8))
        #expect(contents.sessions[0].zone == [.road, .road])
    }

    @Test func invalidJSONFails() {
        #expect(throws: MonitoringFileError.self) { try read(Data("{\"openlabel\": ".utf8)) }
    }

    @Test func generatedOpenLABELReadsBackLikeTheCSV() throws {
        let generator = SessionGenerator()
        var plan = SessionGenerator.Plan(sessionID: "p", scenario: .drowsy, seconds: 120, fps: 10, seed: 5)
        plan.withSpeed = false
        let json = generator.openLABEL(plan, gazeZones: false, eyes: true)
        let fromJSON = try OpenLABELReader(fps: 10).read(data: Data(json.utf8), file: "p.json").sessions[0]
        let fromCSV = try FrameCSVReader().read(source: MemoryByteSource(generator.frameCSV(plan)), file: "p.csv").sessions[0]
        let scorer = SessionScorer(rules: MonitoringRules())
        let a = scorer.score(fromJSON).events.map { "\($0.type) \(DecimalText.fixed($0.start, 1))" }
        let b = scorer.score(fromCSV).events.map { "\($0.type) \(DecimalText.fixed($0.start, 1))" }
        #expect(a == b)
        #expect(!a.isEmpty)
    }
}
