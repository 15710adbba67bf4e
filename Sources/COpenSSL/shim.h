// OpenSSL's libcrypto (Debian libssl-dev): only the EVP message-digest interface is used,
// by Sources/Ledger/Support/SHA256.swift.
#include <openssl/evp.h>
