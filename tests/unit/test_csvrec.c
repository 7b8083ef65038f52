/*
 * test_csvrec.c: the CSV record reader's errors at a place in a record
 * (csvio_vfail_at, csvio_field_offset): what a reader of records, such as
 * the event reader, reports at FILE:LINE:COL of a cell.
 */
#include <stdarg.h>
#include <string.h>

#include "test.h"

#include "itin/csvrec.h"

/* The cell at field, byte skip into it, is refused by the callback at
 * record stop_at. */
struct refuse {
	long stop_at;
	size_t field, skip;
};

static int fail_cell(struct itin_err *err, const struct csvio_record *rec,
		     size_t off, const char *fmt, ...) ITIN_PRINTF(4, 5);
static int fail_cell(struct itin_err *err, const struct csvio_record *rec,
		     size_t off, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	csvio_vfail_at(err, "t.csv", rec, off, fmt, ap);
	va_end(ap);
	return -1;
}

static int refuse(void *ctx, const struct csvio_record *rec,
		  struct itin_err *err)
{
	const struct refuse *r = ctx;

	if (rec->index != r->stop_at)
		return 0;
	return fail_cell(err, rec, csvio_field_offset(rec, r->field) + r->skip,
			 "refused field %zu of record %ld", r->field,
			 rec->index);
}

/* "LINE:COL status message" of the error refusing that cell. */
static const char *refused(const char *csv, long stop_at, size_t field,
			   size_t skip)
{
	static char buf[1024];
	struct refuse r = {stop_at, field, skip};
	struct itin_err err;

	itin_err_clear(&err);
	if (!csvio_read_records(csv, strlen(csv), "t.csv", ',', refuse, &r,
				&err))
		return "accepted";
	snprintf(buf, sizeof(buf), "%s %ld:%ld %d %s", err.file, err.line,
		 err.col, err.status, err.msg);
	return buf;
}

TEST(errors_at_a_cell)
{
	/* Record 2 starts on line 2; its first field holds a line break,
	 * so the fields after it are on line 3, columns in code points. */
	const char *csv = "a,b,c\n\"x\ny\",\"é\",z\n";
	static const struct {
		long rec;
		size_t field, skip;
		const char *want;
	} cases[] = {
	    {2, 0, 0, "t.csv 2:1 65 refused field 0 of record 2"},
	    {2, 1, 0, "t.csv 3:4 65 refused field 1 of record 2"},
	    /* Past the é (two bytes, one column) to the closing quote. */
	    {2, 1, 3, "t.csv 3:6 65 refused field 1 of record 2"},
	    {2, 2, 0, "t.csv 3:8 65 refused field 2 of record 2"},
	    /* One past the last field: the record's end. */
	    {2, 3, 0, "t.csv 3:9 65 refused field 3 of record 2"},
	    {1, 2, 0, "t.csv 1:5 65 refused field 2 of record 1"},
	    {3, 0, 0, "accepted"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_STR(
		    refused(csv, cases[i].rec, cases[i].field, cases[i].skip),
		    cases[i].want);
}

TEST(field_offsets)
{
	struct csvio_record rec = {0};
	const char *raw = "\"a,\"\"b\";c;";

	rec.raw = raw;
	rec.raw_len = strlen(raw);
	rec.delim = ';';
	CHECK_INT(csvio_field_offset(&rec, 0), 0);
	CHECK_INT(csvio_field_offset(&rec, 1), 8);
	CHECK_INT(csvio_field_offset(&rec, 2), 10);
	/* Fewer fields: the end of the record. */
	CHECK_INT(csvio_field_offset(&rec, 5), 10);
}

int main(void)
{
	RUN(errors_at_a_cell);
	RUN(field_offsets);
	return test_done();
}
