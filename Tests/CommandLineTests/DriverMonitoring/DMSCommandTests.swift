import Foundation
import Testing

/// End-to-end: the built `dms-dms` binary on the committed samples, in a temp folder.
@Suite struct DMSCommandTests {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `$LEDGER_BIN/dms-dms`, else the test bundle's sibling, else a `.build-*/debug/dms-dms`.
    static let binary: String? = {
        let manager = FileManager.default
        var candidates: [String] = []
        if let bin = ProcessInfo.processInfo.environment["LEDGER_BIN"] { candidates.append(bin + "/dms-dms") }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        candidates.append(bundle.appendingPathComponent("dms-dms").path)
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("dms-dms").path)
        if let builds = try? manager.contentsOfDirectory(atPath: packageRoot.path) {
            for build in builds.sorted() where build.hasPrefix(".build") {
                candidates.append(packageRoot.path + "/" + build + "/debug/dms-dms")
                candidates.append(packageRoot.path + "/" + build + "/release/dms-dms")
            }
        }
        return candidates.first { manager.isExecutableFile(atPath: $0) }
    }()

    /// A temp folder holding a copy of `samples/dms`.
    static func workspace() throws -> URL {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("dms-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("samples/dms"), to: folder.appendingPathComponent("dms"))
        return folder
    }

    func run(_ arguments: [String], in folder: URL) throws -> Output {
        let binary = try #require(Self.binary, "dms-dms not built: run `swift build` or `make build` first")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["DMS_WAREHOUSE"] = nil
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    func write(_ text: String, _ name: String, in folder: URL) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    @Test func scoresTheSamples() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try run(["score", "dms/sessions", "--out", "out", "--jobs", "2"], in: folder)
        #expect(result.status == 0)
        // Sessions by their severity, events by the severity of their type, counted here from events.csv.
        let eventRows = try String(contentsOf: folder.appendingPathComponent("out/events.csv"), encoding: .utf8)
            .components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        let levels: [String: String] = [
            "sleep": "critical", "unresponsive": "critical", "microsleep": "high", "drowsy": "high", "phone_use": "high",
            "long_distraction": "medium", "vats": "medium", "degraded": "low",
        ]
        var mix: [String: Int] = [:]
        for row in eventRows { mix[levels[String(row.split(separator: ",")[1])] ?? "?", default: 0] += 1 }
        #expect(eventRows.count == 69 && mix["?"] == nil)
        let events = ["critical", "high", "medium", "low"].map { "\($0) \(mix[$0] ?? 0)" }.joined(separator: ", ")
        #expect(result.stdout == "sessions 5 (critical 2, high 2, medium 0, low 1), hours 0.62, events 69 (\(events))\nout/sessions.csv\nout/events.csv\nout/report.html\n")
        // --quiet: nothing but errors, the summary included (cron mails every line).
        let quiet = try run(["score", "dms/sessions", "--out", "out", "--jobs", "2", "--quiet"], in: folder)
        #expect(quiet.status == 0)
        #expect(quiet.stdout == "" && quiet.stderr == "")
        let sessions = try String(contentsOf: folder.appendingPathComponent("out/sessions.csv"), encoding: .utf8)
        #expect(sessions.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 6)
        let html = try String(contentsOf: folder.appendingPathComponent("out/report.html"), encoding: .utf8)
        #expect(html.contains("fleet-drowsy-02") && !html.contains("<script"))
    }

    @Test func warningsGoToStderrWithoutQuiet() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try run(["score", "dms/sessions/dmd-phone-05.json", "--out", "out"], in: folder)
        #expect(result.status == 0)
        #expect(result.stderr == "dms/sessions/dmd-phone-05.json: warning: no eyes_state labels: eye metrics are not available\n")
    }

    @Test func evaluatesAgainstTheTruth() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try run(["evaluate", "dms/sessions", "--truth", "dms/truth.csv", "--out", "out"], in: folder)
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("out/evaluation.csv\nout/report.html\nall: tp 69, fp 0, fn 0\n"))
        let evaluation = try String(contentsOf: folder.appendingPathComponent("out/evaluation.csv"), encoding: .utf8)
        #expect(evaluation.hasPrefix("type,tp,fp,fn,precision,recall,f1,false_alarms_per_hour,latency_median_s,monitored_hours\r\n"))
        #expect(evaluation.contains("\r\nall,69,0,0,"))
    }

    @Test func evaluatesRecordedWarnings() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("session_id,type,start_s,end_s\nfleet-phone-03,long_distraction,184.5,189.8\nfleet-clean-01,sleep,100,104\n", "warnings.csv", in: folder)
        let result = try run(
            ["evaluate", "dms/sessions", "--truth", "dms/truth.csv", "--detections", "warnings.csv", "--out", "out"], in: folder)
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("all: tp 1, fp 1, fn 68\n"))
    }

    @Test func rejectedRowsExitOne() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("t_s,face_detected,eye_open_l,eye_open_r,gaze_zone\n0,1,1,1,road\n0.1,1,1,1,moon\n0.0,1,1,1,road\n0.05,1,1,1,road\n", "bad.csv", in: folder)
        let result = try run(["score", "bad.csv", "--out", "out"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("bad.csv:3: error: unknown gaze_zone \"moon\""))
        #expect(result.stderr.contains("\nbad.csv:4: error: time 0.0 s is not after the previous accepted row (0.0 s) of session \"bad\" (row rejected)\n"))
    }

    @Test func missingColumnExitsSixtyFive() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("t_s,face_detected,eye_open_l,gaze_zone\n0,1,1,road\n", "short.csv", in: folder)
        let result = try run(["score", "short.csv", "dms/sessions/fleet-clean-01.csv", "--out", "out"], in: folder)
        #expect(result.status == 65)
        #expect(result.stderr == "short.csv:1: error: missing required column \"eye_open_r\" (found: t_s,face_detected,eye_open_l,gaze_zone)\n")
        #expect(result.stdout.hasPrefix("sessions 1 (critical 0, high 0, medium 0, low 1), hours "))
    }

    @Test(arguments: [
        (["score", "nowhere.csv", "--out", "out"], Int32(66)),
        (["score", "--out", "out"], Int32(64)),
        (["score", "dms/sessions", "--jobs", "0"], Int32(64)),
        (["evaluate", "dms/sessions", "--truth", "missing.csv", "--out", "out"], Int32(66)),
        (["score", "dms/sessions", "--rules", "missing.toml", "--out", "out"], Int32(66)),
    ])
    func exitCodes(arguments: [String], status: Int32) throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try run(arguments, in: folder)
        #expect(result.status == status)
        #expect(!result.stderr.isEmpty)
    }

    @Test func rulesPrintsAndChecksTOML() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let defaults = try run(["rules"], in: folder)
        #expect(defaults.status == 0)
        #expect(defaults.stdout.contains("[vats]\nwindow_s = 30.0"))
        try write("[drowsy]\nperclos = 0.2\n", "r.toml", in: folder)
        let custom = try run(["rules", "--rules", "r.toml"], in: folder)
        #expect(custom.stdout.contains("perclos = 0.2 "))
        try write("[drowsy]\nperclos_p80 = 0.2\n", "bad.toml", in: folder)
        let bad = try run(["score", "dms/sessions", "--rules", "bad.toml", "--out", "out"], in: folder)
        #expect(bad.status == 64)
        #expect(bad.stderr.hasPrefix("bad.toml: error: unknown setting drowsy.perclos_p80"))
    }

    @Test func storesInTheWarehouse() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try run(["score", "dms/sessions", "--out", "out", "--warehouse", "w.sqlite", "-q"], in: folder)
        #expect(result.status == 0)
        let size = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("w.sqlite").path)[.size] as? Int
        #expect((size ?? 0) > 0)
        let again = try run(["score", "dms/sessions", "--out", "out", "--warehouse", "w.sqlite", "-q"], in: folder)
        #expect(again.status == 0)
    }
}
