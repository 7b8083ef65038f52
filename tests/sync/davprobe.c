/*
 * davprobe: dav.h from the command line, for tests/cli/t-dav.sh (and
 * syncplan's tests): one operation on a CalDAV collection, its outcome on
 * stdout, an error on stderr with dav.h's status as the exit status.
 *
 *   davprobe [-u USER] [-p PASSWORD] [-c PASSWORD_CMD] [-a CAFILE] [-k]
 *            [-t TIMEOUT_MS] [-r RETRIES] URL COMMAND [ARG...]
 *
 *   open                   "collection URL", "sync 0|1"
 *   list [TOKEN]           "full 0|1", "token T|-", then "item HREF ETAG|-"
 *   fetch HREF...          "item HREF ETAG LEN", then the body's lines as
 *                          "| LINE"
 *   put HREF FILE [ETAG]   "done ETAG|-" or "precondition"
 *   delete HREF [ETAG]     "done" or "precondition"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "itin/dav.h"
#include "itin/xalloc.h"

static int fail(const struct itin_err *err)
{
	char buf[1024];

	itin_err_format(err, buf, sizeof(buf));
	fprintf(stderr, "davprobe: %s\n", buf);
	return err->status ? err->status : 1;
}

/* dav.h's warnings (hrefs outside the collection), one a line. */
static void on_warning(void *ctx, const struct itin_err *w)
{
	char buf[1024];

	(void)ctx;
	itin_err_format(w, buf, sizeof(buf));
	fprintf(stderr, "davprobe: warning: %s\n", buf);
}

static int usage(void)
{
	fprintf(stderr,
		"usage: davprobe [-u USER] [-p PASSWORD] [-c CMD] "
		"[-a CAFILE] [-k] [-t MS] [-r N] URL COMMAND [ARG...]\n");
	return 64;
}

static void print_items(const struct dav_items *items, int bodies)
{
	size_t i;

	for (i = 0; i < items->n; i++) {
		const struct dav_item *it = &items->v[i];

		if (!bodies) {
			printf("item %s %s\n", it->href,
			       it->etag ? it->etag : "-");
			continue;
		}
		printf("item %s %s %zu\n", it->href, it->etag ? it->etag : "-",
		       it->len);
		if (it->body) {
			const char *p = it->body, *nl;

			while (*p) {
				nl = strchr(p, '\n');
				if (!nl)
					nl = p + strlen(p);
				printf("| %.*s\n", (int)(nl - p), p);
				p = *nl ? nl + 1 : nl;
			}
		}
	}
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t alloc = 0, n = 0, got;

	if (!f)
		return NULL;
	do {
		buf = xgrow(buf, &alloc, n + 4096, 1);
		got = fread(buf + n, 1, alloc - n, f);
		n += got;
	} while (got);
	fclose(f);
	*len = n;
	return buf;
}

static int run(struct dav *d, const char *cmd, int argc, char **argv,
	       struct itin_err *err)
{
	struct dav_items items;
	int rc;

	if (!strcmp(cmd, "open")) {
		printf("collection %s\nsync %d\n", dav_collection_url(d),
		       dav_has_sync_collection(d));
		return 0;
	}
	if (!strcmp(cmd, "list") && argc <= 1) {
		if (dav_list(d, argc ? argv[0] : NULL, &items, err))
			return -1;
		printf("full %d\ntoken %s\n", items.full,
		       items.sync_token ? items.sync_token : "-");
		print_items(&items, 0);
		dav_items_free(&items);
		return 0;
	}
	if (!strcmp(cmd, "fetch")) {
		if (dav_fetch(d, (const char *const *)argv, (size_t)argc,
			      &items, err))
			return -1;
		print_items(&items, 1);
		dav_items_free(&items);
		return 0;
	}
	if (!strcmp(cmd, "put") && (argc == 2 || argc == 3)) {
		size_t len;
		char *body = read_file(argv[1], &len), *etag = NULL;

		if (!body)
			return itin_err_set(err, 66, "cannot read %s", argv[1]);
		rc = dav_put(d, argv[0], body, len, argc == 3 ? argv[2] : NULL,
			     &etag, err);
		free(body);
		if (rc == DAV_DONE)
			printf("done %s\n", etag ? etag : "-");
		else if (rc == DAV_PRECONDITION)
			printf("precondition\n");
		free(etag);
		return rc < 0 ? -1 : 0;
	}
	if (!strcmp(cmd, "delete") && (argc == 1 || argc == 2)) {
		rc = dav_delete(d, argv[0], argc == 2 ? argv[1] : NULL, err);
		if (rc >= 0)
			printf("%s\n",
			       rc == DAV_DONE ? "done" : "precondition");
		return rc < 0 ? -1 : 0;
	}
	return itin_err_set(err, 64, "unknown command or arguments: %s", cmd);
}

int main(int argc, char **argv)
{
	struct dav_opts opts = {0};
	struct itin_warner warner = {on_warning, NULL};
	struct itin_err err;
	struct dav *d;
	int c, rc;

	itin_err_clear(&err);
	while ((c = getopt(argc, argv, "u:p:c:a:kt:r:")) != -1) {
		switch (c) {
		case 'u':
			opts.user = optarg;
			break;
		case 'p':
			opts.password = optarg;
			break;
		case 'c':
			opts.password_cmd = optarg;
			break;
		case 'a':
			opts.cafile = optarg;
			break;
		case 'k':
			opts.insecure = 1;
			break;
		case 't':
			opts.timeout_ms = atol(optarg);
			break;
		case 'r':
			opts.retries = atoi(optarg);
			break;
		default:
			return usage();
		}
	}
	if (argc - optind < 2)
		return usage();
	opts.url = argv[optind];
	opts.warn = &warner;
	if (dav_open(&d, &opts, &err))
		return fail(&err);
	rc = run(d, argv[optind + 1], argc - optind - 2, argv + optind + 2,
		 &err);
	dav_close(d);
	if (rc)
		return fail(&err);
	return 0;
}
