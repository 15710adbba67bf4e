import Testing

@testable import Ledger

@Suite struct DetectionEvaluationTests {
    func event(_ start: Double, _ end: Double, detected: Double? = nil, session: String = "s") -> MonitoringEvent {
        MonitoringEvent(sessionID: session, type: .longDistraction, start: start, end: end, detectedAt: detected ?? start)
    }

    func event(_ type: MonitoringEventType, _ start: Double, _ end: Double, session: String = "s") -> MonitoringEvent {
        MonitoringEvent(sessionID: session, type: type, start: start, end: end, detectedAt: start)
    }

    /// Truth [10, 14]; widened by 1 s each, a detection matches when it starts by 16 (touching counts).
    @Test(arguments: [(16.0, 1), (16.001, 0), (4.0, 0), (3.999, 0), (5.0, 1)])
    func widenedIntervalsMustOverlap(start: Double, tp: Int) {
        let evaluator = DetectionEvaluator(tolerance: 1)
        let rows = evaluator.evaluate(detections: [event(start, start + 3)], truth: [event(10, 14)], monitoredSeconds: 3600)
        let row = rows[0]
        #expect(row.truePositives == tp)
        #expect(row.falsePositives == 1 - tp)
        #expect(row.falseNegatives == 1 - tp)
        #expect(row.falseAlarmsPerHour == Double(1 - tp))
    }

    @Test func eachTruthMatchesOnceInStartOrder() {
        let evaluator = DetectionEvaluator(tolerance: 1)
        let truth = [event(10, 20), event(18, 30)]
        // Both detections overlap both truths: the first (by start) takes the earliest truth.
        let detections = [event(19, 25, detected: 22), event(12, 19, detected: 15)]
        let row = evaluator.evaluate(detections: detections, truth: truth, monitoredSeconds: 7200)[0]
        #expect(row.truePositives == 2 && row.falsePositives == 0 && row.falseNegatives == 0)
        // 15 − 10 and 22 − 18.
        #expect(row.latencies.sorted() == [4, 5])
        #expect(row.latencyMedian == 4.5)
    }

    @Test func typesAndSessionsDoNotMix() {
        let evaluator = DetectionEvaluator(tolerance: 1)
        let rows = evaluator.evaluate(
            detections: [event(.vats, 10, 20), event(.longDistraction, 10, 20, session: "other")],
            truth: [event(.longDistraction, 10, 20)], monitoredSeconds: 1800)
        let byType = Dictionary(uniqueKeysWithValues: rows.map { ($0.type, $0) })
        #expect(byType["long_distraction"]?.falsePositives == 1)
        #expect(byType["long_distraction"]?.falseNegatives == 1)
        #expect(byType["vats"]?.falsePositives == 1)
        let all = rows.last
        #expect(all?.type == "all")
        #expect(all?.truePositives == 0 && all?.falsePositives == 2 && all?.falseNegatives == 1)
        #expect(all?.falseAlarmsPerHour == 4)
        #expect(all?.precision == 0 && all?.recall == 0 && all?.f1 == nil)
        #expect(rows.count == MonitoringEventType.allCases.count + 1)
    }

    @Test func precisionRecallAndF1() {
        let row = EvaluationRow(type: "x", truePositives: 3, falsePositives: 1, falseNegatives: 2, latencies: [1, 2, 9], monitoredHours: 2)
        #expect(row.precision == 0.75)
        #expect(row.recall == 0.6)
        #expect(abs((row.f1 ?? 0) - 2 * 0.75 * 0.6 / 1.35) < 1e-12)
        #expect(row.latencyMedian == 2)
        #expect(row.falseAlarmsPerHour == 0.5)
    }

    @Test func truthFilesAreReadWithLineNumbers() throws {
        let text = "session_id,type,start_s,end_s,detected_at_s\ns,long_distraction,1,5,4\ns,nap,1,2,\ns,vats,9,3,\ns,sleep,10,14,\n"
        let read = try TruthReader().read(source: MemoryByteSource(text), file: "truth.csv")
        #expect(read.events.count == 2)
        #expect(read.events[0].detectedAt == 4)
        #expect(read.events[1].detectedAt == 10)
        #expect(read.rejected == 2)
        #expect(read.diagnostics.map(\.line) == [3, 4])
        #expect(read.diagnostics[0].message.hasPrefix("unknown event type \"nap\""))
    }

    @Test func evaluationCSVColumns() {
        let text = DetectionEvaluator.csv([EvaluationRow(type: "all", truePositives: 1, falsePositives: 0, falseNegatives: 0, latencies: [3], monitoredHours: 0.5)])
        #expect(text == "type,tp,fp,fn,precision,recall,f1,false_alarms_per_hour,latency_median_s,monitored_hours\r\nall,1,0,0,1.0000,1.0000,1.0000,0.000,3.000,0.5000\r\n")
    }
}
