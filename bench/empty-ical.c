/*
 * empty-ical.c: a program that does nothing but is linked with libical
 * (and so loads it and what it pulls in: ICU, libstdc++), for
 * bench/table.sh: what starting itin costs when it loads libical at
 * start-up, beside bench/empty.c. The call is never made; it only keeps
 * the linker (--as-needed) from dropping the library.
 */
#include <libical/ical.h>

int main(int argc, char **argv)
{
	(void)argv;
	if (argc > 99)
		return icaltime_is_null_time(icaltime_null_time());
	return 0;
}
