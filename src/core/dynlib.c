/*
 * dynlib.c: open a shared library on first use and resolve its symbols
 * (dynlib.h).
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itin/dynlib.h"
#include "itin/xalloc.h"

/* One lock for every library: loading is rare and short. */
static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;

/* The loader's last words, or a stand-in when it has none. */
static const char *loader_says(void)
{
	const char *e = dlerror();

	return e ? e : "no reason given";
}

static void failed(struct dynlib *lib, const char *what, const char *says)
{
	snprintf(lib->why, sizeof(lib->why),
		 "cannot %s '%s', needed %s (Debian's package %s provides it): "
		 "%s",
		 what, lib->soname, lib->needed, lib->package, says);
	lib->state = -1;
}

/*
 * Every symbol first, into addrs; the slots only once all are there, so
 * that a library missing one symbol (another version) leaves no slot half
 * filled for a later call to trip on. 0, or -1 (lib->why said).
 */
static int resolve(struct dynlib *lib, void *h)
{
	void **addrs = xcalloc(lib->nsyms, sizeof(*addrs));
	size_t i;

	for (i = 0; i < lib->nsyms; i++) {
		dlerror();
		addrs[i] = dlsym(h, lib->syms[i].name);
		/* The loader's words name the symbol ("...: undefined
		 * symbol: x"); a symbol found with no address (which none
		 * of ours is) is refused too. */
		if (!addrs[i]) {
			const char *e = dlerror();
			char says[300];

			if (!e) {
				snprintf(says, sizeof(says),
					 "symbol %s has no address",
					 lib->syms[i].name);
				e = says;
			}
			failed(lib, "use", e);
			free(addrs);
			return -1;
		}
	}
	/*
	 * dlsym() gives a void *; a slot is a pointer to a function (or to
	 * an object) of its own type. ISO C has no conversion between
	 * object and function pointers (-Wpedantic says so), POSIX requires
	 * them to have the same size and representation, so the bytes are
	 * copied as they are: what the `*(void **)&fp = dlsym(...)` of
	 * dlsym(3)'s example does, without its aliasing cast.
	 */
	for (i = 0; i < lib->nsyms; i++)
		memcpy(lib->syms[i].slot, &addrs[i], sizeof(addrs[i]));
	free(addrs);
	return 0;
}

/*
 * RTLD_NOW: every reference of the library bound now, so a library that
 * does not fit this system fails here, with a message, rather than kill
 * the process at its first call. RTLD_LOCAL: its symbols are not offered
 * to libraries opened later, nor do they stand in for ours; we reach them
 * only through dlsym(). Never closed once loaded: the slots point into it
 * (and libical keeps caches that outlive any one call).
 */
static void load(struct dynlib *lib)
{
	void *h;

	dlerror();
	h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		failed(lib, "load", loader_says());
		return;
	}
	if (resolve(lib, h)) {
		dlclose(h);
		return;
	}
	lib->state = 1;
}

int dynlib_load(struct dynlib *lib, struct itin_err *err)
{
	int state;

	pthread_mutex_lock(&load_lock);
	if (!lib->state)
		load(lib);
	state = lib->state;
	pthread_mutex_unlock(&load_lock);
	if (state > 0)
		return 0;
	return itin_err_set(err, ITIN_EX_UNAVAILABLE, "%s", lib->why);
}
