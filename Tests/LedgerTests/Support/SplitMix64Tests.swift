import Testing
@testable import Ledger

/// The project's one seeded generator gives the published SplitMix64 sequence.
@Suite struct SplitMix64Tests {
    @Test func publishedSequenceOfSeedZero() {
        var random = SplitMix64(seed: 0)
        #expect([random.next(), random.next(), random.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    @Test func theSameSeedGivesTheSameSequence() {
        var a = SplitMix64(seed: 20_261_031)
        var b = SplitMix64(seed: 20_261_031)
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
    }
}
