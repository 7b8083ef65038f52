/*
 * xmldl.c: libxml2's table of symbols and its loading (itin/xmldl.h).
 */
#define XMLDL_NO_REDIRECT
#include "itin/xmldl.h"

/* ITIN_XML_SONAME: the Makefile's, from the libxml2 it builds against. */
DYNLIB_DEFINE(xmldl, XMLDL_SYMS, xml_lib_load, ITIN_XML_SONAME, "libxml2",
	      "to read HTML pages and CalDAV servers' replies")
