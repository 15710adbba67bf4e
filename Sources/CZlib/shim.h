// zlib (Debian zlib1g-dev): raw DEFLATE streams of workbook parts, inflated and deflated
// chunk by chunk, and CRC-32.
#include <zlib.h>
