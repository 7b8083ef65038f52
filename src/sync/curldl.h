/*
 * curldl.h: libcurl, opened when `itin sync` first opens a collection
 * (curl_lib_load()), not linked into the binary: only src/sync/http.c (and
 * curldl.c) include this header, and only it includes <curl/curl.h>
 * (tests/check-deps.sh). As icaldl.h does for libical (src/core/icaldl.h
 * says how): every libcurl function http.c calls is listed in CURLDL_SYMS
 * and reached through a pointer in curldl, and the macros below turn each
 * name into its pointer. A name used but not listed fails to link.
 *
 * curl.h makes curl_easy_setopt and curl_easy_getinfo macros that check
 * their arguments' types under gcc (typecheck-gcc.h); they would hide the
 * functions' names from the table, so that checking is off here, and
 * http.c passes each option the type curl_easy_setopt(3) gives it (a
 * long as a long: 1L).
 */
#ifndef ITIN_CURLDL_H
#define ITIN_CURLDL_H

#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>
/* Without the type checks, curl.h still makes them macros, which only
 * count the arguments; the names are the table's. */
#undef curl_easy_setopt
#undef curl_easy_getinfo

#include "itin/dynlib.h"
#include "itin/err.h"

#define CURLDL_SYMS(X, T)                                                      \
	X(T, curl_easy_cleanup)                                                \
	X(T, curl_easy_getinfo)                                                \
	X(T, curl_easy_init)                                                   \
	X(T, curl_easy_perform)                                                \
	X(T, curl_easy_reset)                                                  \
	X(T, curl_easy_setopt)                                                 \
	X(T, curl_easy_strerror)                                               \
	X(T, curl_free)                                                        \
	X(T, curl_global_init)                                                 \
	X(T, curl_slist_append)                                                \
	X(T, curl_slist_free_all)                                              \
	X(T, curl_url)                                                         \
	X(T, curl_url_cleanup)                                                 \
	X(T, curl_url_get)                                                     \
	X(T, curl_url_set)

/* Filled by curl_lib_load(). */
DYNLIB_DECLARE(curldl, CURLDL_SYMS)

/*
 * Open libcurl unless done, and initialise it (curl_global_init(), once,
 * under the same lock as the loading would need: it is not thread-safe):
 * 0, or -1 with err filled (dynlib.h; 69 also when the initialisation
 * fails).
 */
int curl_lib_load(struct itin_err *err);

/* curldl.c names the members itself. */
#ifndef CURLDL_NO_REDIRECT
#define curl_easy_cleanup   (*curldl.curl_easy_cleanup)
#define curl_easy_getinfo   (*curldl.curl_easy_getinfo)
#define curl_easy_init	    (*curldl.curl_easy_init)
#define curl_easy_perform   (*curldl.curl_easy_perform)
#define curl_easy_reset	    (*curldl.curl_easy_reset)
#define curl_easy_setopt    (*curldl.curl_easy_setopt)
#define curl_easy_strerror  (*curldl.curl_easy_strerror)
#define curl_free	    (*curldl.curl_free)
#define curl_global_init    (*curldl.curl_global_init)
#define curl_slist_append   (*curldl.curl_slist_append)
#define curl_slist_free_all (*curldl.curl_slist_free_all)
#define curl_url	    (*curldl.curl_url)
#define curl_url_cleanup    (*curldl.curl_url_cleanup)
#define curl_url_get	    (*curldl.curl_url_get)
#define curl_url_set	    (*curldl.curl_url_set)
#endif

#endif
