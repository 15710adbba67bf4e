/// Vehicle identification numbers (ISO 3779): alphabet, weights and the check digit.
public enum VINCode {
    /// The 33 characters a VIN may hold (no I, O, Q).
    public static let alphabet: [Character] = Array("ABCDEFGHJKLMNPRSTUVWXYZ0123456789")

    static let weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]

    /// The transliterated value of a VIN character, nil for characters a VIN cannot hold.
    public static func value(of character: Character) -> Int? {
        switch character {
        case "0"..."9": return character.wholeNumberValue
        case "A", "J": return 1
        case "B", "K", "S": return 2
        case "C", "L", "T": return 3
        case "D", "M", "U": return 4
        case "E", "N", "V": return 5
        case "F", "W": return 6
        case "G", "P", "X": return 7
        case "H", "Y": return 8
        case "R", "Z": return 9
        default: return nil
        }
    }

    /// The check digit (`0`–`9` or `X`) of a 17-character VIN, nil if it is malformed.
    /// Position 9 takes part with weight 0, so any character may stand there.
    public static func checkDigit(of vin: String) -> Character? {
        let characters = Array(vin)
        guard characters.count == 17 else { return nil }
        var sum = 0
        for (index, character) in characters.enumerated() {
            guard let value = value(of: character) else { return nil }
            sum += value * weights[index]
        }
        let remainder = sum % 11
        return remainder == 10 ? "X" : Character(String(remainder))
    }

    /// Whether `vin` has 17 valid characters and a correct check digit.
    public static func isValid(_ vin: String) -> Bool {
        let characters = Array(vin)
        guard characters.count == 17, let digit = checkDigit(of: vin) else { return false }
        return characters[8] == digit
    }

    /// A VIN from its parts, with the check digit computed: `wmi` (3), `descriptor` (5),
    /// `modelYear` (the year, coded at position 10), `plant` (1) and `serial` (6 digits).
    public static func make(wmi: String, descriptor: String, modelYear: Int, plant: Character, serial: Int) -> String {
        let serialText = String(serial % 1_000_000)
        let padded = String(repeating: "0", count: 6 - serialText.count) + serialText
        let draft = wmi + descriptor + "0" + String(yearCode(modelYear)) + String(plant) + padded
        guard let digit = checkDigit(of: draft) else { return draft }
        var characters = Array(draft)
        characters[8] = digit
        return String(characters)
    }

    /// The position-10 code of a model year (30-year cycle, 1980 = A … 2000 = Y, 2001 = 1 …).
    public static func yearCode(_ year: Int) -> Character {
        let codes = Array("ABCDEFGHJKLMNPRSTVWXY123456789")
        let index = ((year - 1980) % 30 + 30) % 30
        return codes[index]
    }
}
