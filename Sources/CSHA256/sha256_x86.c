// SHA-256 block compression with the Intel SHA extensions, written from FIPS 180-4 and the
// instruction descriptions in the Intel SDM (SHA256RNDS2, SHA256MSG1, SHA256MSG2).
//
// SHA256RNDS2 works on the eight working variables split over two registers, ABEF and
// CDGH (lane 3 = A / C ... lane 0 = F / H), and does two rounds per call with the two
// W[t] + K[t] sums in the low 64 bits of its third operand. SHA256MSG1 / SHA256MSG2 do the
// sigma-0 and sigma-1 halves of the message schedule four words at a time.
//
// Only this function is compiled for the SHA / SSE4.1 / SSSE3 instruction sets (target
// attribute), so the package needs no global compiler flags; callers check
// csha256_hardware_available() first.

#include "csha256.h"

#if defined(__x86_64__) || defined(__i386__)

#include <cpuid.h>
#include <immintrin.h>

int csha256_hardware_available(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const int ssse3 = (ecx >> 9) & 1;
    const int sse41 = (ecx >> 19) & 1;
    // Leaf 7 sub-leaf 0: EBX bit 29 = SHA. __get_cpuid_count fails if leaf 7 is missing.
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    const int sha = (ebx >> 29) & 1;
    return ssse3 && sse41 && sha;
}

// FIPS 180-4, 4.2.2: the first 32 bits of the fractional parts of the cube roots of the
// first 64 primes.
static const uint32_t round_constants[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

__attribute__((target("sha,sse4.1,ssse3")))
void csha256_compress_blocks(uint32_t state[8], const uint8_t *blocks, size_t count) {
    // Message words are big-endian: reverse the bytes of each 32-bit lane.
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);

    // state[0..3] = lanes (A, B, C, D), state[4..7] = lanes (E, F, G, H), lane 0 first.
    __m128i low = _mm_loadu_si128((const __m128i *)&state[0]);
    __m128i high = _mm_loadu_si128((const __m128i *)&state[4]);
    low = _mm_shuffle_epi32(low, 0xB1);    // (B, A, D, C)
    high = _mm_shuffle_epi32(high, 0x1B);  // (H, G, F, E)
    __m128i abef = _mm_alignr_epi8(low, high, 8);     // (F, E, B, A)
    __m128i cdgh = _mm_blend_epi16(high, low, 0xF0);  // (H, G, D, C)

    for (size_t block = 0; block < count; block++, blocks += 64) {
        const __m128i saved_abef = abef;
        const __m128i saved_cdgh = cdgh;
        // w[g % 4] holds W[4g .. 4g+3] of the most recent four groups.
        __m128i w[4];
        for (int g = 0; g < 4; g++) {
            w[g] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 16 * g)), byte_swap);
        }
        for (int g = 0; g < 16; g++) {
            if (g >= 4) {
                // W[t] = sigma1(W[t-2]) + W[t-7] + sigma0(W[t-15]) + W[t-16], t = 4g .. 4g+3.
                const __m128i w16 = w[g & 3];        // W[t-16 .. t-13]
                const __m128i w12 = w[(g + 1) & 3];  // W[t-12 .. t-9]
                const __m128i w8 = w[(g + 2) & 3];   // W[t-8 .. t-5]
                const __m128i w4 = w[(g + 3) & 3];   // W[t-4 .. t-1]
                __m128i next = _mm_sha256msg1_epu32(w16, w12);          // W[t-16] + sigma0(W[t-15])
                next = _mm_add_epi32(next, _mm_alignr_epi8(w4, w8, 4));  // + W[t-7 .. t-4]
                w[g & 3] = _mm_sha256msg2_epu32(next, w4);               // + sigma1(W[t-2])
            }
            __m128i wk = _mm_add_epi32(w[g & 3], _mm_load_si128((const __m128i *)&round_constants[4 * g]));
            // Two rounds make the old ABEF the new CDGH, so after the first call the two
            // variables hold each other's half and after the second they are back in place.
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);  // rounds 4g, 4g+1
            wk = _mm_shuffle_epi32(wk, 0x0E);              // the upper two sums, moved low
            abef = _mm_sha256rnds2_epu32(abef, cdgh, wk);  // rounds 4g+2, 4g+3
        }
        abef = _mm_add_epi32(abef, saved_abef);
        cdgh = _mm_add_epi32(cdgh, saved_cdgh);
    }

    low = _mm_shuffle_epi32(abef, 0x1B);   // (A, B, E, F)
    high = _mm_shuffle_epi32(cdgh, 0xB1);  // (G, H, C, D)
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(low, high, 0xF0));  // (A, B, C, D)
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(high, low, 8));     // (E, F, G, H)
}

#else

int csha256_hardware_available(void) { return 0; }

void csha256_compress_blocks(uint32_t state[8], const uint8_t *blocks, size_t count) {
    (void)state;
    (void)blocks;
    (void)count;
}

#endif
