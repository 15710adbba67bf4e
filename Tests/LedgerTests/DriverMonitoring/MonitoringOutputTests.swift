import Foundation
import FeedGenerator
import Testing

@testable import Ledger

@Suite struct MonitoringOutputTests {
    static func sampleFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "dms-output-\(UUID().uuidString)"
        for file in SessionGenerator().sampleSet() { try MonitoringOutputs.write(file.contents, to: folder + "/" + file.path) }
        return folder
    }

    @Test func sessionsCSVHasTheContractColumns() {
        let header = MonitoringTables.sessionsCSV([]).trimmingCharacters(in: .newlines)
        #expect(
            header
                == "session_id,source_file,duration_s,valid_gaze_s,valid_eye_s,missing_s,perclos_p80,perclos_p80_max_60s,blink_count,blink_rate_per_min,blink_mean_s,offroad_glance_count,offroad_glance_mean_s,offroad_glance_max_s,eyes_off_road_s,glances_over_2s_share,long_distraction,vats,phone_use,microsleep,sleep,unresponsive,drowsy,degraded,events_per_hour,severity,speed_gating"
        )
        #expect(MonitoringTables.eventsCSV([]) == "session_id,type,start_s,end_s,duration_s,detected_at_s,details\r\n")
    }

    @Test func outputIsTheSameForAnyJobCount() throws {
        let folder = try Self.sampleFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = try ScoringBatch.inputFiles([folder + "/sessions"])
        #expect(files.count == 5)
        let one = ScoringBatch.score(files: files, options: ScoringOptions(jobs: 1))
        let three = ScoringBatch.score(files: files.reversed(), options: ScoringOptions(jobs: 3))
        #expect(MonitoringTables.sessionsCSV(one.sessions) == MonitoringTables.sessionsCSV(three.sessions))
        #expect(MonitoringTables.eventsCSV(one.events) == MonitoringTables.eventsCSV(three.events))
        #expect(MonitoringReport(sessions: one.sessions, rules: MonitoringRules()).html
            == MonitoringReport(sessions: three.sessions, rules: MonitoringRules()).html)
        let severities = Dictionary(uniqueKeysWithValues: one.sessions.map { ($0.sessionID, $0.severity) })
        #expect(severities["fleet-clean-01"] == .low)
        #expect(severities["fleet-drowsy-02"] == .critical)
        #expect(severities["fleet-phone-03"] == .high)
    }

    @Test func samplesEvaluateAgainstTheirTruth() throws {
        let folder = try Self.sampleFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = ScoringBatch.score(files: try ScoringBatch.inputFiles([folder + "/sessions"]), options: ScoringOptions())
        let evaluation = try MonitoringOutputs.evaluate(result, detections: result.events, truthPath: folder + "/truth.csv", rules: MonitoringRules())
        let all = try #require(evaluation.evaluation.rows.last)
        #expect(all.truePositives > 40)
        #expect((all.recall ?? 0) > 0.9)
        #expect(evaluation.rejected == 0)
    }

    @Test func eventsAreOrderedBySessionThenStart() {
        let events = [
            MonitoringEvent(sessionID: "b", type: .vats, start: 1, end: 2, detectedAt: 2),
            MonitoringEvent(sessionID: "a", type: .sleep, start: 5, end: 9, detectedAt: 8),
            MonitoringEvent(sessionID: "a", type: .microsleep, start: 2, end: 3, detectedAt: 3, details: "=cmd, \"x\""),
        ]
        let lines = MonitoringTables.eventsCSV(events).components(separatedBy: "\r\n")
        #expect(lines[1] == "a,microsleep,2.000,3.000,1.000,3.000,\"'=cmd, \"\"x\"\"\"")
        #expect(lines[2].hasPrefix("a,sleep,5.000"))
        #expect(lines[3].hasPrefix("b,vats"))
    }

    @Test func reportEscapesEveryValueAndIsSelfContained() {
        let b = ScenarioBuilder(fps: 10)
        b.add(seconds: 5).add(seconds: 4, zone: .phone).add(seconds: 5)
        var score = SessionScorer(rules: MonitoringRules()).score(b.frames(id: "<script>alert('x')</script>&"))
        score.driverID = "司机 \"王\""
        let html = MonitoringReport(sessions: [score], rules: MonitoringRules()).html
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"))
        #expect(html.contains("司机 &quot;王&quot;"))
        #expect(html.contains("Microsoft YaHei"))
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").dropFirst().allSatisfy { $0.hasPrefix("www.w3.org/2000/svg") })
        #expect(!html.contains("https://"))
        #expect(html.contains("<svg"))
        #expect(html.contains("phone_use"))
    }

    @Test func reportPutsWorstSessionsFirst() {
        let calm = ScenarioBuilder(fps: 10)
        calm.add(seconds: 30)
        let bad = ScenarioBuilder(fps: 10)
        bad.add(seconds: 5).add(seconds: 7, closed: true).add(seconds: 5)
        let scorer = SessionScorer(rules: MonitoringRules())
        let report = MonitoringReport(sessions: [scorer.score(calm.frames(id: "a-calm")), scorer.score(bad.frames(id: "z-bad"))], rules: MonitoringRules())
        #expect(report.orderedSessions.map(\.sessionID) == ["z-bad", "a-calm"])
        let html = report.html
        let bad1 = html.range(of: "<h3>z-bad")?.lowerBound
        let calm1 = html.range(of: "<h3>a-calm")?.lowerBound
        #expect(bad1 != nil && calm1 != nil && bad1! < calm1!)
    }

    @Test func duplicateSessionIDsAreScoredOnce() throws {
        let folder = NSTemporaryDirectory() + "dms-dup-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = "session_id,t_s,face_detected,eye_open_l,eye_open_r,gaze_zone\nsame,0,1,1,1,road\nsame,0.1,1,1,1,road\n"
        try MonitoringOutputs.write(text, to: folder + "/a.csv")
        try MonitoringOutputs.write(text, to: folder + "/b.csv")
        let result = ScoringBatch.score(files: try ScoringBatch.inputFiles([folder]), options: ScoringOptions(jobs: 2))
        #expect(result.sessions.count == 1)
        #expect(result.sessions[0].sourceFile.hasSuffix("/a.csv"))
        #expect(result.outcomes.map(\.outcome) == [.scored, .failed])
    }

    @Test func missingInputsAreReported() {
        #expect(throws: InputError.self) { try ScoringBatch.inputFiles(["/nonexistent/dms"]) }
    }
}

@Suite struct SampleSetTests {
    /// `samples/dms` is exactly what the generator writes (`dms-dms generate --out samples/dms`).
    @Test func committedSamplesAreReproducible() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        for file in SessionGenerator().sampleSet() {
            let committed = try String(contentsOf: root.appendingPathComponent("samples/dms/" + file.path), encoding: .utf8)
            #expect(committed == file.contents, "samples/dms/\(file.path) differs from the generator's output")
        }
    }
}
