/* empty.c: a C program that does nothing: the start-up floor of a
 * process, for bench/extract.sh. */
int main(void)
{
	return 0;
}
