/*
 * xmldl.c: libxml2's table of symbols and its loading (xmldl.h).
 */
#define XMLDL_NO_REDIRECT
#include "xmldl.h"
#include "itin/dynlib.h"

struct xmldl xmldl;

#define XMLDL_ENTRY(name) {#name, &xmldl.name},
static const struct dynlib_sym xml_syms[] = {XMLDL_SYMS(XMLDL_ENTRY)};
#undef XMLDL_ENTRY

/* ITIN_XML_SONAME: the Makefile's, from the libxml2 it builds against. */
static struct dynlib xml = {
    .soname = ITIN_XML_SONAME,
    .package = "libxml2",
    .needed = "to read HTML pages",
    .syms = xml_syms,
    .nsyms = sizeof(xml_syms) / sizeof(xml_syms[0]),
};

int xml_lib_load(struct itin_err *err)
{
	return dynlib_load(&xml, err);
}
