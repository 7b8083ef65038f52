/*
 * fuzz.h: shared by the fuzz targets (tests/fuzz/fuzz_*.c). Each target
 * defines LLVMFuzzerTestOneInput; it is linked either with libFuzzer
 * (`make fuzz`) or with replay.c, a plain main() that feeds it files, so
 * `make check` replays the seeds and every regression input in the normal
 * and sanitizer builds.
 */
#ifndef ITIN_FUZZ_H
#define ITIN_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken invariant: report it and abort, so the fuzzer keeps the input. */
#define FUZZ_ASSERT(c)                                                        \
	do {                                                                  \
		if (!(c)) {                                                   \
			fprintf(stderr, "%s:%d: invariant failed: %s\n",      \
				__FILE__, __LINE__, #c);                      \
			abort();                                              \
		}                                                             \
	} while (0)

#endif
