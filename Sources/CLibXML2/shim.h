// Debian's libxml2 is built with ICU and its headers pull in <unicode/ucnv.h>, whose
// UErrorCode then clashes with Foundation's copy in a clean debug build. Nothing here
// uses libxml2's ICU API, so it is switched off before any other libxml2 header.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
