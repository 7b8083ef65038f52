/*
 * curldl.c: libcurl's table of symbols and its loading (curldl.h).
 */
#include <pthread.h>

#define CURLDL_NO_REDIRECT
#include "curldl.h"

/* ITIN_CURL_SONAME: the Makefile's, from the libcurl it builds against.
 * Opened by curl_lib_load(), which initialises it too. */
static int curl_lib_open(struct itin_err *err);
DYNLIB_DEFINE(curldl, CURLDL_SYMS, curl_lib_open, ITIN_CURL_SONAME, "libcurl4",
	      "to reach a CalDAV server")

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static CURLcode init_status;

static void init(void)
{
	init_status = (*curldl.curl_global_init)(CURL_GLOBAL_DEFAULT);
}

int curl_lib_load(struct itin_err *err)
{
	if (curl_lib_open(err))
		return -1;
	pthread_once(&init_once, init);
	if (init_status != CURLE_OK)
		return itin_err_set(err, ITIN_EX_UNAVAILABLE,
				    "cannot initialise libcurl: %s",
				    (*curldl.curl_easy_strerror)(init_status));
	return 0;
}
