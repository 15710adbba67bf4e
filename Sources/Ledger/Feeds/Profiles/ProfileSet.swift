#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The profiles of a folder (`profiles/`), and which one applies to a file.
public struct ProfileSet: Sendable, Equatable {
    public var profiles: [SourceProfile]

    public init(profiles: [SourceProfile]) { self.profiles = profiles }

    /// Loads every `*.toml` file of `folder` (not recursive), in sorted order. Throws
    /// `ProfileError` for a bad profile or two profiles with one name, `InputError` when
    /// the folder cannot be read.
    public static func load(folder: String) throws -> ProfileSet {
        guard let directory = opendir(folder) else {
            let code = errno
            throw InputError(kind: code == ENOENT ? .missing : .unreadable, path: folder, reason: String(cString: strerror(code)))
        }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.lowercased().hasSuffix(".toml") && !name.hasPrefix(".") { names.append(name) }
        }
        closedir(directory)
        var profiles: [SourceProfile] = []
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        for name in names.sorted() {
            let profile = try SourceProfile.load(path: base + name)
            if let other = profiles.first(where: { $0.name == profile.name }) {
                throw ProfileError(file: profile.file, key: "name", "\"\(profile.name)\" is already the name of \(other.file): names must be unique")
            }
            profiles.append(profile)
        }
        return ProfileSet(profiles: profiles)
    }

    /// The profile whose `file_pattern` matches the file's name, nil when none does.
    /// Throws `ProfileError` when several match (the patterns overlap).
    public func profile(forFile path: String) throws -> SourceProfile? {
        let matching = profiles.filter { $0.matches(fileName: path) }
        guard matching.count <= 1 else {
            let names = matching.map { "\($0.name) (\($0.file))" }.joined(separator: ", ")
            throw ProfileError(
                file: matching[0].file, key: "file_pattern",
                "\"\(path)\" matches several profiles: \(names); make the patterns disjoint")
        }
        return matching.first
    }

    /// The profile called `name`.
    public func profile(named name: String) -> SourceProfile? { profiles.first { $0.name == name } }
}
