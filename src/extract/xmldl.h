/*
 * xmldl.h: libxml2, opened when `itin extract` first reads an HTML page
 * (xml_lib_load()), not linked into the binary; only xinput.c (and
 * xmldl.c) include it, and only it includes libxml2's headers
 * (tests/check-deps.sh). As icaldl.h does for
 * libical (src/core/icaldl.h says how): every libxml2 function xinput.c
 * calls is listed in XMLDL_SYMS and reached through a pointer in xmldl,
 * and the macros below turn each name into its pointer. xinput.c frees
 * nothing of libxml2's, so xmlFree (a variable, a pointer to the
 * allocator's free) is not needed; it would be listed like the others
 * and called as xmlFree(p). A name used but not listed fails to link.
 */
#ifndef ITIN_XMLDL_H
#define ITIN_XMLDL_H

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/parserInternals.h>

#include "itin/err.h"

#define XMLDL_SYMS(X)                                                          \
	X(htmlCtxtReadMemory)                                                  \
	X(htmlFreeParserCtxt)                                                  \
	X(htmlNewParserCtxt)                                                   \
	X(xmlCharEncCloseFunc)                                                 \
	X(xmlFindCharEncodingHandler)                                          \
	X(xmlStopParser)

#define XMLDL_SLOT(name) __typeof__(name) *name;
struct xmldl {
	XMLDL_SYMS(XMLDL_SLOT)
};
#undef XMLDL_SLOT

/* Filled by xml_lib_load(); NULL pointers until then. */
extern struct xmldl xmldl;

/* Open libxml2 unless done: 0, or -1 with err filled (dynlib.h). */
int xml_lib_load(struct itin_err *err);

/* xmldl.c names the members itself. */
#ifndef XMLDL_NO_REDIRECT
#define htmlCtxtReadMemory	   (*xmldl.htmlCtxtReadMemory)
#define htmlFreeParserCtxt	   (*xmldl.htmlFreeParserCtxt)
#define htmlNewParserCtxt	   (*xmldl.htmlNewParserCtxt)
#define xmlCharEncCloseFunc	   (*xmldl.xmlCharEncCloseFunc)
#define xmlFindCharEncodingHandler (*xmldl.xmlFindCharEncodingHandler)
#define xmlStopParser		   (*xmldl.xmlStopParser)
#endif

#endif
