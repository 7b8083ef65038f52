/*
 * append.c: the floor of `itin add`, for bench/table.sh: open a store,
 * append one event in the store's text form, fsync, close: what adding
 * an event must do at least to be durable.
 *
 *   append STORE
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static const char line[] =
	    "2024-03-01 10:00-11:00     meeting    Bench meeting @ Brussels, "
	    "BE\n    id: 0123456789abcdef\n    tz: Europe/Brussels\n";
	int fd;

	if (argc != 2) {
		fputs("usage: append STORE\n", stderr);
		return 2;
	}
	fd = open(argv[1], O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, line, strlen(line)) != (ssize_t)strlen(line) ||
	    fsync(fd) || close(fd)) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
