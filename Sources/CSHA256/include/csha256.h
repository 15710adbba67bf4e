#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the Intel SHA extensions (and the SSSE3 / SSE4.1 they are used with),
/// so `csha256_compress_blocks` may be called; 0 otherwise, and always 0 off x86.
int csha256_hardware_available(void);

/// Runs the SHA-256 compression function (FIPS 180-4, 6.2.2) over `count` consecutive
/// 64-byte blocks starting at `blocks` (any alignment), updating the eight working-state
/// words `state[0]` = H0 ... `state[7]` = H7 in place. No padding, no length: the caller
/// does that. Must only be called when `csha256_hardware_available()` returned 1.
void csha256_compress_blocks(uint32_t state[8], const uint8_t *blocks, size_t count);

#endif
