/*
 * peakrss.c: run one command as a shell runs it (fork, exec, wait) and
 * report its wall time and peak memory, for bench/table.sh, which then
 * needs neither GNU time nor a shell's own timer:
 *
 *   peakrss OUT CMD [ARG...]
 *
 * appends "NANOSECONDS PEAK_RSS_KIB STATUS" to the file OUT and exits
 * with the command's status (128 + N when signal N killed it, 127 when
 * it could not be run). The peak is the child's ru_maxrss from wait4():
 * its own, not ours, and counts the pages of files it maps.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	struct rusage ru;
	long long t0, t1;
	int st, code;
	pid_t pid;
	FILE *out;

	if (argc < 3) {
		fputs("usage: peakrss OUT CMD [ARG...]\n", stderr);
		return 2;
	}
	out = fopen(argv[1], "a");
	if (!out) {
		fprintf(stderr, "peakrss: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	t0 = now_ns();
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "peakrss: fork: %s\n", strerror(errno));
		return 2;
	}
	if (pid == 0) {
		fclose(out);
		execvp(argv[2], argv + 2);
		fprintf(stderr, "peakrss: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &st, 0, &ru) < 0)
		if (errno != EINTR) {
			fprintf(stderr, "peakrss: wait4: %s\n",
				strerror(errno));
			return 2;
		}
	t1 = now_ns();
	code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	fprintf(out, "%lld %ld %d\n", t1 - t0, ru.ru_maxrss, code);
	if (fclose(out)) {
		fprintf(stderr, "peakrss: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	return code;
}
