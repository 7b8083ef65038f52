/* empty.c: a C program that does nothing: the start-up floor of a
 * process, for bench/extract.sh and bench/table.sh. */
int main(void)
{
	return 0;
}
