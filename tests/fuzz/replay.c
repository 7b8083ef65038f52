/*
 * replay.c: runs a fuzz target's LLVMFuzzerTestOneInput over files and
 * folders without libFuzzer, for `make check`. Every file named, and every
 * regular file inside a folder named, is read whole and fed once. Prints
 * one TAP line per argument. A crash, a sanitizer report or a broken
 * invariant aborts the program, which the test runner reports.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int replay_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!fp) {
		perror(path);
		return -1;
	}
	for (;;) {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		perror(path);
		fclose(fp);
		free(buf);
		return -1;
	}
	fclose(fp);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Returns the number of files fed, or -1. */
static long replay(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	long count = 0;

	if (stat(path, &st) < 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return replay_file(path) < 0 ? -1 : 1;
	d = opendir(path);
	if (!d) {
		perror(path);
		return -1;
	}
	while ((de = readdir(d))) {
		size_t len;

		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = realloc(names, cap * sizeof(*names));
			if (!names)
				abort();
		}
		len = strlen(path) + strlen(de->d_name) + 2;
		names[n] = malloc(len);
		if (!names[n])
			abort();
		snprintf(names[n], len, "%s/%s", path, de->d_name);
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		long k = 0;

		if (stat(names[i], &st) == 0)
			k = S_ISDIR(st.st_mode) ? replay(names[i])
						: (replay_file(names[i]) < 0 ? -1 : 1);
		if (k < 0)
			count = -1;
		else if (count >= 0)
			count += k;
		free(names[i]);
	}
	free(names);
	return count;
}

int main(int argc, char **argv)
{
	int failed = 0;

	for (int i = 1; i < argc; i++) {
		long n = replay(argv[i]);

		if (n < 0) {
			printf("not ok %d - %s: unreadable\n", i, argv[i]);
			failed = 1;
		} else {
			printf("ok %d - %s: %ld inputs\n", i, argv[i], n);
		}
	}
	return failed;
}
