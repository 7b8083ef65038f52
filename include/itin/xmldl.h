/*
 * xmldl.h: libxml2, opened on first use (xml_lib_load()), not linked into
 * the binary: by `itin extract` when it first reads an HTML page
 * (src/extract/xinput.c) and by `itin sync` when it first reads a CalDAV
 * server's XML (src/sync/davxml.c). Only those files (and xmldl.c) include
 * this header, and only it includes libxml2's headers
 * (tests/check-deps.sh). As icaldl.h does for libical (src/core/icaldl.h
 * says how): every libxml2 function they call is listed in XMLDL_SYMS and
 * reached through a pointer in xmldl, and the macros below turn each name
 * into its pointer. Neither frees anything of libxml2's but its documents
 * and contexts, so xmlFree (a variable, a pointer to the allocator's free)
 * is not needed; it would be listed like the others and called as
 * xmlFree(p). A name used but not listed fails to link.
 */
#ifndef ITIN_XMLDL_H
#define ITIN_XMLDL_H

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "itin/dynlib.h"
#include "itin/err.h"

#define XMLDL_SYMS(X, T)                                                       \
	X(T, htmlCtxtReadMemory)                                               \
	X(T, htmlFreeParserCtxt)                                               \
	X(T, htmlNewParserCtxt)                                                \
	X(T, xmlCharEncCloseFunc)                                              \
	X(T, xmlCtxtReadMemory)                                                \
	X(T, xmlDocGetRootElement)                                             \
	X(T, xmlFindCharEncodingHandler)                                       \
	X(T, xmlFreeDoc)                                                       \
	X(T, xmlFreeParserCtxt)                                                \
	X(T, xmlNewParserCtxt)                                                 \
	X(T, xmlStopParser)

/* Filled by xml_lib_load(). */
DYNLIB_DECLARE(xmldl, XMLDL_SYMS)

/* Open libxml2 unless done: 0, or -1 with err filled (dynlib.h). */
int xml_lib_load(struct itin_err *err);

/* xmldl.c names the members itself. */
#ifndef XMLDL_NO_REDIRECT
#define htmlCtxtReadMemory	   (*xmldl.htmlCtxtReadMemory)
#define htmlFreeParserCtxt	   (*xmldl.htmlFreeParserCtxt)
#define htmlNewParserCtxt	   (*xmldl.htmlNewParserCtxt)
#define xmlCharEncCloseFunc	   (*xmldl.xmlCharEncCloseFunc)
#define xmlCtxtReadMemory	   (*xmldl.xmlCtxtReadMemory)
#define xmlDocGetRootElement	   (*xmldl.xmlDocGetRootElement)
#define xmlFindCharEncodingHandler (*xmldl.xmlFindCharEncodingHandler)
#define xmlFreeDoc		   (*xmldl.xmlFreeDoc)
#define xmlFreeParserCtxt	   (*xmldl.xmlFreeParserCtxt)
#define xmlNewParserCtxt	   (*xmldl.xmlNewParserCtxt)
#define xmlStopParser		   (*xmldl.xmlStopParser)
#endif

#endif
