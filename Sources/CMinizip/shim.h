// zlib's minizip (Debian libminizip-dev, pkg-config "minizip"): the zip container of
// workbooks — the central directory, local headers and Zip64 when reading (unzip.h, entries
// read raw and inflated by Feeds/XLSX/ZipEntrySource under the zip-bomb limits), and writing
// deterministic containers into memory (zip.h, Support/ZipWriter).
#include <zlib.h>
#include <ioapi.h>
#include <unzip.h>
#include <zip.h>
