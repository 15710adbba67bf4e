// SHA-256 of a file through OpenSSL libcrypto (EVP) or swift-crypto; prints the digest, wall
// and process-CPU seconds. Used by bench/sha256/run.sh only.
import COpenSSL
import Crypto
import Foundation

let path = CommandLine.arguments[1]
let which = CommandLine.arguments[2]
let fd = open(path, O_RDONLY)
let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
var t0 = timespec(); clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0)
let start = Date()
var hex = ""
if which == "openssl" {
    let ctx = EVP_MD_CTX_new()
    EVP_DigestInit_ex(ctx, EVP_sha256(), nil)
    while true {
        let n = read(fd, buffer.baseAddress, buffer.count)
        if n <= 0 { break }
        EVP_DigestUpdate(ctx, buffer.baseAddress, n)
    }
    var out = [UInt8](repeating: 0, count: 32)
    var len: UInt32 = 0
    EVP_DigestFinal_ex(ctx, &out, &len)
    EVP_MD_CTX_free(ctx)
    hex = out.map { String(format: "%02x", $0) }.joined()
} else {
    var hasher = Crypto.SHA256()
    while true {
        let n = read(fd, buffer.baseAddress, buffer.count)
        if n <= 0 { break }
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<n]))
    }
    hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
}
var t1 = timespec(); clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1)
let cpu = Double(t1.tv_sec - t0.tv_sec) + Double(t1.tv_nsec - t0.tv_nsec) / 1e9
print(which, hex, String(format: "%.4f", Date().timeIntervalSince(start)), String(format: "%.4f", cpu))
