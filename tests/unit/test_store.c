/* test_store.c: the store on disk: paths, locking, appends, rewrites. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "itin/event.h"
#include "itin/evlist.h"
#include "itin/itinfmt.h"
#include "itin/store.h"
#include "itin/strbuf.h"
#include "itin/xalloc.h"
#include "test.h"

/* A uid nobody has, for "another user" and for dropping root. */
#define OTHER_UID 12345

static char topdir[4096];
static int ndirs;

/* A fresh, empty folder for one test. */
static char *fresh_dir(void)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s/d%d", topdir, ++ndirs);
	if (mkdir(sb.buf, 0700) < 0) {
		perror(sb.buf);
		exit(2);
	}
	return strbuf_detach(&sb, NULL);
}

static char *join(const char *dir, const char *name)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s/%s", dir, name);
	return strbuf_detach(&sb, NULL);
}

/* The whole file, or NULL when it cannot be read. */
static char *slurp(const char *path, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return NULL;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		strbuf_add(&sb, buf, (size_t)n);
	close(fd);
	if (len)
		*len = sb.len;
	return strbuf_detach(&sb, NULL);
}

static void spew(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		perror(path);
		exit(2);
	}
	close(fd);
}

/* 2023-01-27 plus day_offset, an all-day meeting: needs no time zone. */
static struct event *mkevent(const char *id, const char *title, int day_offset)
{
	struct event *ev = event_new();
	struct itin_err err;

	ev->type = EV_MEETING;
	event_set_str(ev, &ev->title, title);
	event_set_str(ev, &ev->id, id);
	ev->allday = true;
	ev->start = (int64_t)(19384 + day_offset) * 86400;
	if (event_check(ev, NULL, &err) < 0) {
		printf("# event_check: %s\n", err.msg);
		exit(2);
	}
	return ev;
}

static char *render(const struct event *ev)
{
	struct strbuf sb = STRBUF_INIT;

	itinfmt_write_event(&sb, ev);
	return strbuf_detach(&sb, NULL);
}

static int append_one(const char *path, const char *id, const char *title,
		      struct itin_err *err)
{
	struct event *ev = mkevent(id, title, 0);
	int ret = store_append(path, ev, err);

	event_free(ev);
	return ret;
}

/* Names in dir starting with prefix (temporary files left behind). */
static int count_prefixed(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (!strncmp(de->d_name, prefix, strlen(prefix)))
			n++;
	closedir(d);
	return n;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Fork a child that holds flock(how) on lock_path until killed. Returns its
 * pid once the lock is held.
 */
static pid_t hold_lock(const char *lock_path, int how)
{
	int p[2];
	pid_t pid;
	char c;

	if (pipe(p) < 0)
		exit(2);
	pid = fork();
	if (pid == 0) {
		int fd = open(lock_path, O_RDWR | O_CREAT, 0600);

		close(p[0]);
		if (fd < 0 || flock(fd, how) < 0)
			_exit(1);
		if (write(p[1], "x", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 1) {
		printf("# lock holder failed\n");
		exit(2);
	}
	close(p[0]);
	return pid;
}

static void stop(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* Run fn in a child, as OTHER_UID when we are root (root ignores
 * permissions, so "read-only" means nothing to it). dir is handed over. */
static int run_unprivileged(const char *dir, void (*fn)(const char *dir))
{
	pid_t pid;
	int status;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (geteuid() == 0) {
			if (chown(dir, OTHER_UID, OTHER_UID) < 0 ||
			    setgid(OTHER_UID) < 0 || setuid(OTHER_UID) < 0) {
				printf("#   cannot drop root\n");
				_exit(1);
			}
		}
		test_failed_now = 0;
		fn(dir);
		fflush(stdout);
		_exit(test_failed_now);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* ---- default path ---------------------------------------------------- */

TEST(default_path)
{
	struct itin_err err;
	char *p;

	unsetenv("ITIN_FILE");
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", "/home/ann", 1);

	CHECK_INT(store_default_path("/x/y.itin", &p, &err), 0);
	CHECK_STR(p, "/x/y.itin");
	free(p);

	CHECK_INT(store_default_path(NULL, &p, &err), 0);
	CHECK_STR(p, "/home/ann/.local/share/itin/itinerary.itin");
	free(p);

	setenv("XDG_DATA_HOME", "/data", 1);
	CHECK_INT(store_default_path(NULL, &p, &err), 0);
	CHECK_STR(p, "/data/itin/itinerary.itin");
	free(p);

	/* The XDG spec says a relative path is invalid: ignore it. */
	setenv("XDG_DATA_HOME", "rel/data", 1);
	CHECK_INT(store_default_path(NULL, &p, &err), 0);
	CHECK_STR(p, "/home/ann/.local/share/itin/itinerary.itin");
	free(p);

	setenv("XDG_DATA_HOME", "", 1);
	CHECK_INT(store_default_path(NULL, &p, &err), 0);
	CHECK_STR(p, "/home/ann/.local/share/itin/itinerary.itin");
	free(p);

	setenv("ITIN_FILE", "/env/store.itin", 1);
	CHECK_INT(store_default_path(NULL, &p, &err), 0);
	CHECK_STR(p, "/env/store.itin");
	free(p);
	/* -f beats the environment. */
	CHECK_INT(store_default_path("cli.itin", &p, &err), 0);
	CHECK_STR(p, "cli.itin");
	free(p);

	unsetenv("ITIN_FILE");
	unsetenv("XDG_DATA_HOME");
	unsetenv("HOME");
	p = (char *)"junk";
	CHECK_INT(store_default_path(NULL, &p, &err), -1);
	CHECK_INT(err.status, ITIN_EX_USAGE);
	CHECK(p == NULL);
	CHECK_INT(store_default_path("", &p, &err), -1);
	CHECK_INT(err.status, ITIN_EX_USAGE);
	setenv("HOME", topdir, 1);
}

/* ---- load and append ------------------------------------------------- */

TEST(load_missing_is_empty)
{
	char *dir = fresh_dir();
	char *path = join(dir, "no/such/store.itin");
	char *nodir = join(dir, "no");
	struct evlist l = EVLIST_INIT;
	struct itin_err err;
	struct stat st;

	CHECK_INT(store_load(path, &l, NULL, &err), 0);
	CHECK_INT(l.n, 0);
	/* Reading creates nothing, not even the folders. */
	CHECK(stat(nodir, &st) < 0 && errno == ENOENT);
	evlist_release(&l);
	free(nodir);
	free(path);
	path = join(dir, "store.itin");
	CHECK_INT(store_load(path, &l, NULL, &err), 0);
	CHECK_INT(count_prefixed(dir, "store.itin.lock"), 0);
	free(path);
	free(dir);
}

TEST(append_creates_private_file_and_folders)
{
	char *dir = fresh_dir();
	char *a = join(dir, "a");
	char *ab = join(dir, "a/b");
	char *path = join(dir, "a/b/store.itin");
	char *lock = join(dir, "a/b/store.itin.lock");
	struct itin_err err;
	struct stat st;

	CHECK_INT(append_one(path, "e1", "First", &err), 0);
	CHECK(stat(path, &st) == 0 && S_ISREG(st.st_mode));
	CHECK_INT(st.st_mode & 0777, 0600);
	CHECK(stat(ab, &st) == 0 && S_ISDIR(st.st_mode));
	CHECK_INT(st.st_mode & 0777, 0700);
	CHECK(stat(a, &st) == 0);
	CHECK_INT(st.st_mode & 0777, 0700);
	/* The store is its own lock: no lock file beside it. */
	CHECK(lstat(lock, &st) < 0 && errno == ENOENT);
	free(a);
	free(ab);
	free(path);
	free(lock);
	free(dir);
}

TEST(append_then_load)
{
	char *dir = fresh_dir();
	char *path = join(dir, "store.itin");
	struct event *e1 = mkevent("e1", "First", 0);
	struct event *e2 = mkevent("e2", "Second @ thing", 3);
	struct evlist l = EVLIST_INIT;
	struct itin_err err;
	struct strbuf want = STRBUF_INIT;
	char *got;

	CHECK_INT(store_append(path, e1, &err), 0);
	CHECK_INT(store_append(path, e2, &err), 0);
	itinfmt_write_event(&want, e1);
	itinfmt_write_event(&want, e2);
	got = slurp(path, NULL);
	CHECK_STR(got, want.buf);

	CHECK_INT(store_load(path, &l, NULL, &err), 0);
	CHECK_INT(l.n, 2);
	if (l.n == 2) {
		CHECK_STR(l.v[0]->id, "e1");
		CHECK_STR(l.v[1]->id, "e2");
		CHECK_STR(l.v[1]->title, "Second @ thing");
	}
	/* Loading appends to what the list holds. */
	CHECK_INT(store_load(path, &l, NULL, &err), 0);
	CHECK_INT(l.n, 4);
	evlist_release(&l);
	event_free(e1);
	event_free(e2);
	strbuf_release(&want);
	free(got);
	free(path);
	free(dir);
}

TEST(append_adds_missing_final_newline)
{
	char *dir = fresh_dir();
	char *path = join(dir, "store.itin");
	struct event *e1 = mkevent("e1", "First", 0);
	struct event *e2 = mkevent("e2", "Second", 1);
	char *t1 = render(e1), *t2 = render(e2), *got;
	struct strbuf want = STRBUF_INIT;
	struct evlist l = EVLIST_INIT;
	struct itin_err err;

	/* A hand edit that lost the last newline. */
	t1[strlen(t1) - 1] = '\0';
	spew(path, t1, 0600);
	CHECK_INT(store_append(path, e2, &err), 0);
	strbuf_addf(&want, "%s\n%s", t1, t2);
	got = slurp(path, NULL);
	CHECK_STR(got, want.buf);
	CHECK_INT(store_load(path, &l, NULL, &err), 0);
	CHECK_INT(l.n, 2);
	evlist_release(&l);
	free(got);
	free(t1);
	free(t2);
	event_free(e1);
	event_free(e2);
	strbuf_release(&want);
	free(path);
	free(dir);
}

TEST(load_bad_store_is_65_and_keeps_list)
{
	char *dir = fresh_dir();
	char *path = join(dir, "store.itin");
	struct evlist l = EVLIST_INIT;
	struct itin_err err;

	evlist_add(&l, mkevent("keep", "Kept", 0));
	spew(path,
	     "2023-01-27  meeting  A\n    id: x\n"
	     "2023-01-28  meeting  B\n    id: x\n",
	     0600);
	CHECK_INT(store_load(path, &l, NULL, &err), -1);
	CHECK_INT(err.status, ITIN_EX_DATAERR);
	CHECK_STR(err.file, path);
	CHECK_INT(err.line, 4);
	/* Nothing half-read is added. */
	CHECK_INT(l.n, 1);
	evlist_release(&l);
	free(path);
	free(dir);
}

TEST(directory_as_store_is_66)
{
	char *dir = fresh_dir();
	struct evlist l = EVLIST_INIT;
	struct store_tx tx;
	struct itin_err err;
	struct strbuf want = STRBUF_INIT;

	strbuf_addf(&want, "'%s' is a directory", dir);
	CHECK_INT(store_load(dir, &l, NULL, &err), -1);
	CHECK_INT(err.status, ITIN_EX_NOINPUT);
	CHECK_STR(err.msg, want.buf);
	CHECK_INT(append_one(dir, "e1", "First", &err), -1);
	CHECK_INT(err.status, ITIN_EX_NOINPUT);
	CHECK_STR(err.msg, want.buf);
	CHECK_INT(store_begin(dir, &tx, NULL, &err), -1);
	CHECK_INT(err.status, ITIN_EX_NOINPUT);
	CHECK_STR(err.msg, want.buf);
	strbuf_release(&want);
	free(dir);
}

/*
 * A FIFO or a device as the store: 66 at once, for readers and writers,
 * with no lock file made (a FIFO read would wait for a writer, with the
 * lock held; /dev/zero never ends). The alarm fails the test rather than
 * hanging it.
 */
TEST(fifo_or_device_as_store_is_66)
{
	char *dir = fresh_dir();
	char *fifo = join(dir, "s.itin");
	char *lock = join(dir, "s.itin.lock");
	const char *const paths[] = {fifo, "/dev/zero"};
	struct evlist l = EVLIST_INIT;
	struct store_tx tx;
	struct itin_err err;
	struct stat st;

	CHECK_INT(mkfifo(fifo, 0600), 0);
	alarm(10);
	for (size_t i = 0; i < 2; i++) {
		CHECK_INT(store_load(paths[i], &l, NULL, &err), -1);
		CHECK_INT(err.status, ITIN_EX_NOINPUT);
		CHECK(strstr(err.msg, "is not a regular file") != NULL);
		CHECK_INT(append_one(paths[i], "e1", "First", &err), -1);
		CHECK_INT(err.status, ITIN_EX_NOINPUT);
		CHECK_INT(store_begin(paths[i], &tx, NULL, &err), -1);
		CHECK_INT(err.status, ITIN_EX_NOINPUT);
		CHECK_INT(store_begin_existing(paths[i], &tx, NULL, &err), -1);
		CHECK_INT(err.status, ITIN_EX_NOINPUT);
	}
	alarm(0);
	CHECK(stat(lock, &st) < 0 && errno == ENOENT);
	CHECK(stat("/dev/zero.lock", &st) < 0);
	CHECK_INT(l.n, 0);
	free(fifo);
	free(lock);
	free(dir);
}

TEST(relative_path)
{
	char *dir = fresh_dir();
	char old[4096];
	struct evlist l = EVLIST_INIT;
	struct itin_err err;
	struct stat st;

	CHECK(getcwd(old, sizeof(old)) != NULL);
	CHECK_INT(chdir(dir), 0);
	CHECK_INT(append_one("rel.itin", "e1", "First", &err), 0);
	CHECK_INT(append_one("./sub/../rel.itin", "e2", "Second", &err), 0);
	CHECK_INT(store_load("rel.itin", &l, NULL, &err), 0);
	CHECK_INT(l.n, 2);
	CHECK(lstat("rel.itin.lock", &st) < 0);
	CHECK(stat("sub", &st) == 0); /* created by the second append */
	CHECK_INT(chdir(old), 0);
	evlist_release(&l);
	free(dir);
}

/* ---- transactions ---------------------------------------------------- */

TEST(commit_replaces_and_keeps_mode)
{
	char *dir = fresh_dir();
	char *path = join(dir, "store.itin");
	struct event *e2 = mkevent("e2", "Second", 1);
	char *want = render(e2), *got;
	struct store_tx tx;
	struct itin_err err;
	struct stat before, after;

	CHECK_INT(append_one(path, "e1", "First", &err), 0);
	CHECK_INT(store_append(path, e2, &err), 0);
	CHECK_INT(chmod(path, 0640), 0);
	CHECK_INT(stat(path, &before), 0);

	CHECK_INT(store_begin(path, &tx, NULL, &err), 0);
	CHECK_INT(tx.events.n, 2);
	CHECK(tx.lock_fd >= 0);
	CHECK_STR(tx.path, path);
	if (tx.events.n == 2)
		event_free(evlist_take(&tx.events, 0));
	CHECK_INT(store_commit(&tx, &err), 0);
	CHECK(tx.lock_fd < 0);
	store_abort(&tx); /* harmless after commit */

	got = slurp(path, NULL);
	CHECK_STR(got, want);
	CHECK_INT(stat(path, &after), 0);
	CHECK_INT(after.st_mode & 0777, 0640);
	/* A new file was renamed in, not the old one rewritten. */
	CHECK(after.st_ino != before.st_ino);
	CHECK_INT(count_prefixed(dir, ".store.itin."), 0);
	free(got);
	free(want);
	event_free(e2);
	free(path);
	free(dir);
}

TEST(commit_new_store_is_0600)
{
	char *dir = fresh_dir();
	char *path = join(dir, "x/new.itin");
	struct store_tx tx;
	struct itin_err err;
	struct stat st;

	CHECK_INT(store_begin(path, &tx, NULL, &err), 0);
	CHECK_INT(tx.events.n, 0);
	evlist_add(&tx.events, mkevent("n1", "New", 0));
	CHECK_INT(store_commit(&tx, &err), 0);
	CHECK(stat(path, &st) == 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	free(path);
	free(dir);
}

TEST(abort_writes_nothing)
{
	char *dir = fresh_dir();
	char *path = join(dir, "store.itin");
	struct store_tx tx;
	struct itin_err err;
	char *before, *after;

	CHECK_INT(append_one(path, "e1", "First", &err), 0);
	before = slurp(path, NULL);
	CHECK_INT(store_begin(path, &tx, NULL, &err), 0);
	evlist_release(&tx.events);
	store_abort(&tx);
	store_abort(&tx);
	after = slurp(path, NULL);
	CHECK_STR(after, before);
	/* The lock is free again. */
	setenv("ITIN_LOCK_TIMEOUT", "0", 1);
	CHECK_INT(append_one(path, "e2", "Second", &err), 0);
	unsetenv("ITIN_LOCK_TIMEOUT");
	free(before);
	free(after);
	free(path);
	free(dir);
}

TEST(symlinked_store_stays_a_link)
{
	char *dir = fresh_dir();
	char *real_dir = join(dir, "real");
	char *target = join(dir, "real/target.itin");
	char *link = join(dir, "link.itin");
	char *link_lock = join(dir, "link.itin.lock");
	char *target_lock = join(dir, "real/target.itin.lock");
	struct store_tx tx;
	struct itin_err err;
	struct stat st;
	struct event *e2 = mkevent("e2", "Second", 1);
	char *want = render(e2), *got;

	CHECK_INT(mkdir(real_dir, 0700), 0);
	CHECK_INT(symlink("real/target.itin", link), 0);
	/* A dangling link: the append creates the target, not a new file. */
	CHECK_INT(append_one(link, "e1", "First", &err), 0);
	CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
	CHECK(stat(target, &st) == 0 && S_ISREG(st.st_mode));
	CHECK_INT(store_append(link, e2, &err), 0);

	CHECK_INT(store_begin(link, &tx, NULL, &err), 0);
	CHECK_STR(tx.real_path, target);
	CHECK_INT(tx.events.n, 2);
	if (tx.events.n == 2)
		event_free(evlist_take(&tx.events, 0));
	CHECK_INT(store_commit(&tx, &err), 0);

	CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
	got = slurp(target, NULL);
	CHECK_STR(got, want);
	/* The lock is the file itself: no lock file under either name. */
	CHECK(lstat(target_lock, &st) < 0);
	CHECK(lstat(link_lock, &st) < 0);
	CHECK_INT(count_prefixed(real_dir, ".target.itin."), 0);
	free(got);
	free(want);
	event_free(e2);
	free(real_dir);
	free(target);
	free(link);
	free(link_lock);
	free(target_lock);
	free(dir);
}

/* ---- locking --------------------------------------------------------- */

TEST(busy_lock_times_out_with_75)
{
	char *dir = fresh_dir();
	char *path = join(dir, "store.itin");
	char *lock = path; /* the store is the lock */
	struct evlist l = EVLIST_INIT;
	struct store_tx tx;
	struct itin_err err;
	struct strbuf want = STRBUF_INIT;
	double t0, dt;
	pid_t pid;

	CHECK_INT(append_one(path, "e1", "First", &err), 0);
	setenv("ITIN_LOCK_TIMEOUT", "0.2", 1);

	pid = hold_lock(lock, LOCK_EX);
	t0 = now();
	CHECK_INT(append_one(path, "e2", "Second", &err), -1);
	dt = now() - t0;
	CHECK_INT(err.status, ITIN_EX_TEMPFAIL);
	strbuf_addf(&want,
		    "store '%s' is busy (locked by another process "
		    "for more than 0.2 s)",
		    path);
	CHECK_STR(err.msg, want.buf);
	CHECK(dt >= 0.19 && dt < 1.5);
	CHECK_INT(store_load(path, &l, NULL, &err), -1);
	CHECK_INT(err.status, ITIN_EX_TEMPFAIL);
	CHECK_INT(store_begin(path, &tx, NULL, &err), -1);
	CHECK_INT(err.status, ITIN_EX_TEMPFAIL);
	stop(pid);

	/* Readers share: a shared holder lets a reader in, not a writer. */
	pid = hold_lock(lock, LOCK_SH);
	CHECK_INT(store_load(path, &l, NULL, &err), 0);
	CHECK_INT(l.n, 1);
	CHECK_INT(append_one(path, "e2", "Second", &err), -1);
	CHECK_INT(err.status, ITIN_EX_TEMPFAIL);
	stop(pid);

	/* A holder that lets go within the timeout is waited for. */
	setenv("ITIN_LOCK_TIMEOUT", "5", 1);
	pid = hold_lock(lock, LOCK_EX);
	if (fork() == 0) {
		usleep(150000);
		kill(pid, SIGKILL);
		_exit(0);
	}
	CHECK_INT(append_one(path, "e2", "Second", &err), 0);
	waitpid(pid, NULL, 0);
	wait(NULL);

	unsetenv("ITIN_LOCK_TIMEOUT");
	evlist_release(&l);
	strbuf_release(&want);
	free(path);
	free(dir);
}

TEST(two_links_share_one_lock)
{
	char *dir = fresh_dir();
	char *target = join(dir, "t.itin");
	char *l1 = join(dir, "l1.itin");
	char *lock = target;
	struct itin_err err;
	pid_t pid;

	CHECK_INT(symlink("t.itin", l1), 0);
	CHECK_INT(append_one(target, "e1", "First", &err), 0);
	pid = hold_lock(lock, LOCK_EX);
	setenv("ITIN_LOCK_TIMEOUT", "0.05", 1);
	CHECK_INT(append_one(l1, "e2", "Second", &err), -1);
	CHECK_INT(err.status, ITIN_EX_TEMPFAIL);
	unsetenv("ITIN_LOCK_TIMEOUT");
	stop(pid);
	free(target);
	free(l1);
	free(dir);
}

TEST(bad_lock_timeout_is_64)
{
	char *dir = fresh_dir();
	char *path = join(dir, "store.itin");
	struct itin_err err;

	setenv("ITIN_LOCK_TIMEOUT", "soon", 1);
	CHECK_INT(append_one(path, "e1", "First", &err), -1);
	CHECK_INT(err.status, ITIN_EX_USAGE);
	CHECK_STR(err.msg,
		  "invalid ITIN_LOCK_TIMEOUT 'soon' (expected a number "
		  "of seconds)");
	setenv("ITIN_LOCK_TIMEOUT", "-1", 1);
	CHECK_INT(append_one(path, "e1", "First", &err), -1);
	unsetenv("ITIN_LOCK_TIMEOUT");
	free(path);
	free(dir);
}

/*
 * A "PATH.lock" file beside the store means nothing (older versions of
 * itin locked one): a link planted there is not followed and a file of
 * another user does not block the owner.
 */
TEST(planted_lock_link_is_ignored)
{
	char *dir = fresh_dir();
	char *path = join(dir, "store.itin");
	char *lock = join(dir, "store.itin.lock");
	char *victim = join(dir, "victim");
	struct evlist l = EVLIST_INIT;
	struct itin_err err;
	struct stat st;

	CHECK_INT(symlink(victim, lock), 0);
	CHECK_INT(append_one(path, "e1", "First", &err), 0);
	CHECK(lstat(victim, &st) < 0); /* nothing created through it */
	CHECK_INT(store_load(path, &l, NULL, &err), 0);
	CHECK_INT(l.n, 1);
	evlist_release(&l);
	free(victim);
	free(lock);
	free(path);
	free(dir);
}

TEST(foreign_lock_file_does_not_block)
{
	char *dir = fresh_dir();
	char *path = join(dir, "store.itin");
	char *lock = join(dir, "store.itin.lock");
	struct store_tx tx;
	struct itin_err err;

	if (geteuid() != 0) {
		printf("# skipped: needs root to plant another user's file\n");
		goto out;
	}
	spew(lock, "", 0600);
	CHECK_INT(chown(lock, OTHER_UID, OTHER_UID), 0);
	CHECK_INT(append_one(path, "e1", "First", &err), 0);
	CHECK_INT(store_begin(path, &tx, NULL, &err), 0);
	CHECK_INT(tx.events.n, 1);
	CHECK_INT(store_commit(&tx, &err), 0);
out:
	free(lock);
	free(path);
	free(dir);
}

static void readonly_commit(const char *dir)
{
	char *path = join(dir, "store.itin");
	struct store_tx tx;
	struct itin_err err;
	char *before, *after;
	size_t n1 = 0, n2 = 0;

	CHECK_INT(append_one(path, "e1", "First", &err), 0);
	CHECK_INT(append_one(path, "e2", "Second", &err), 0);
	before = slurp(path, &n1);
	CHECK_INT(chmod(dir, 0500), 0);
	/* The lock file exists and is ours, so the lock is taken... */
	CHECK_INT(store_begin(path, &tx, NULL, &err), 0);
	CHECK_INT(tx.events.n, 2);
	evlist_add(&tx.events, mkevent("e3", "Third", 2));
	/* ...but no new file can be made next to the store. */
	CHECK_INT(store_commit(&tx, &err), -1);
	CHECK_INT(err.status, ITIN_EX_CANTCREAT);
	after = slurp(path, &n2);
	CHECK(before && after && n1 == n2 && !memcmp(before, after, n1));
	CHECK_INT(count_prefixed(dir, ".store.itin."), 0);
	/* An append into a read-only folder still works (file is writable)
	 * but a new store there cannot be created. */
	free(path);
	path = join(dir, "other.itin");
	CHECK_INT(append_one(path, "e1", "First", &err), -1);
	CHECK_INT(err.status, ITIN_EX_CANTCREAT);
	free(before);
	free(after);
	free(path);
}

TEST(readonly_folder_commit_is_73)
{
	char *dir = fresh_dir();

	CHECK_INT(run_unprivileged(dir, readonly_commit), 0);
	free(dir);
}

static void readonly_load(const char *dir)
{
	char *path = join(dir, "store.itin");
	char *lock = join(dir, "store.itin.lock");
	struct evlist l = EVLIST_INIT;
	struct itin_err err;
	struct stat st;

	CHECK_INT(append_one(path, "e1", "First", &err), 0);
	CHECK_INT(chmod(dir, 0500), 0);
	CHECK_INT(store_load(path, &l, NULL, &err), 0);
	CHECK_INT(l.n, 1);
	CHECK(lstat(lock, &st) < 0);
	/* The store is the lock: appending to it needs nothing new. */
	CHECK_INT(append_one(path, "e2", "Second", &err), 0);
	/* An unreadable store is 66. */
	CHECK_INT(chmod(path, 0200), 0);
	CHECK_INT(store_load(path, &l, NULL, &err), -1);
	CHECK_INT(err.status, ITIN_EX_NOINPUT);
	/* An unwritable one is 73 for a writer. */
	CHECK_INT(chmod(path, 0400), 0);
	CHECK_INT(append_one(path, "e3", "Third", &err), -1);
	CHECK_INT(err.status, ITIN_EX_CANTCREAT);
	evlist_release(&l);
	free(lock);
	free(path);
}

TEST(readonly_folder_load_and_append)
{
	char *dir = fresh_dir();

	CHECK_INT(run_unprivileged(dir, readonly_load), 0);
	free(dir);
}

/* ---- failures while writing ------------------------------------------ */

TEST(append_over_file_size_limit_is_74_and_undone)
{
	char *dir = fresh_dir();
	char *path = join(dir, "store.itin");
	struct itin_err err;
	char *before;
	size_t n1 = 0;
	pid_t pid;
	int status;

	CHECK_INT(append_one(path, "e1", "First", &err), 0);
	before = slurp(path, &n1);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		/* As the CLI does: a size limit gives EFBIG, not a signal. The
		 * limit lets part of the event through: a short write. */
		struct rlimit rl = {n1 + 10, n1 + 10};
		char big[300];
		char *after;
		size_t n2 = 0;

		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &rl);
		memset(big, 'x', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		test_failed_now = 0;
		CHECK_INT(append_one(path, "e2", big, &err), -1);
		CHECK_INT(err.status, ITIN_EX_IOERR);
		CHECK(strstr(err.msg, "too large") != NULL);
		after = slurp(path, &n2);
		CHECK(after && n1 == n2 && !memcmp(before, after, n1));
		fflush(stdout);
		_exit(test_failed_now);
	}
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0);
	free(before);
	free(path);
	free(dir);
}

TEST(commit_over_file_size_limit_is_74_and_old_kept)
{
	char *dir = fresh_dir();
	char *path = join(dir, "store.itin");
	struct itin_err err;
	char *before;
	size_t n1 = 0;
	pid_t pid;
	int status;

	CHECK_INT(append_one(path, "e1", "First", &err), 0);
	before = slurp(path, &n1);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct rlimit rl = {n1 + 10, n1 + 10};
		struct store_tx tx;
		char *after;
		size_t n2 = 0;

		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &rl);
		test_failed_now = 0;
		CHECK_INT(store_begin(path, &tx, NULL, &err), 0);
		evlist_add(&tx.events, mkevent("e2", "Second", 1));
		CHECK_INT(store_commit(&tx, &err), -1);
		CHECK_INT(err.status, ITIN_EX_IOERR);
		after = slurp(path, &n2);
		CHECK(after && n1 == n2 && !memcmp(before, after, n1));
		CHECK_INT(count_prefixed(dir, ".store.itin."), 0);
		fflush(stdout);
		_exit(test_failed_now);
	}
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0);
	free(before);
	free(path);
	free(dir);
}

TEST(stale_temp_files_are_removed)
{
	char *dir = fresh_dir();
	char *path = join(dir, "store.itin");
	char *stale = join(dir, ".store.itin.Ab3xYz");
	char *keep1 = join(dir, ".store.itin.keep");
	char *keep2 = join(dir, ".other.itin.Ab3xYz");
	struct store_tx tx;
	struct itin_err err;
	struct stat st;

	CHECK_INT(append_one(path, "e1", "First", &err), 0);
	/* What a commit killed between mkstemp and rename leaves. */
	spew(stale, "old copy\n", 0600);
	spew(keep1, "x", 0600);
	spew(keep2, "x", 0600);
	CHECK_INT(store_begin(path, &tx, NULL, &err), 0);
	store_abort(&tx);
	CHECK(lstat(stale, &st) < 0);
	CHECK(lstat(keep1, &st) == 0);
	CHECK(lstat(keep2, &st) == 0);
	free(stale);
	free(keep1);
	free(keep2);
	free(path);
	free(dir);
}

TEST(append_new_refuses_a_known_id)
{
	char *dir = fresh_dir();
	char *path = join(dir, "store.itin");
	struct event *e1 = mkevent("e1", "First", 0);
	struct event *e2 = mkevent("e2", "Second", 1);
	struct evlist l = EVLIST_INIT;
	struct itin_err err;

	CHECK_INT(store_append_new(path, e1, NULL, &err), 0);
	CHECK_INT(store_append_new(path, e1, NULL, &err), -1);
	CHECK_INT(err.status, ITIN_EX_DATAERR);
	CHECK_STR(err.msg, "id 'e1' already exists");
	CHECK_INT(store_append_new(path, e2, NULL, &err), 0);
	CHECK_INT(store_load(path, &l, NULL, &err), 0);
	CHECK_INT(l.n, 2);
	evlist_release(&l);
	event_free(e1);
	event_free(e2);
	free(path);
	free(dir);
}

TEST(concurrent_append_new_keeps_ids_unique)
{
	enum { WRITERS = 6 };
	char *dir = fresh_dir();
	char *path = join(dir, "store.itin");
	struct evlist l = EVLIST_INIT;
	struct itin_err err;
	int w, won = 0;

	/* Everyone races to add the same id: exactly one may win. */
	fflush(stdout);
	for (w = 0; w < WRITERS; w++) {
		if (fork() == 0) {
			struct event *ev = mkevent("same", "Race", w);

			_exit(store_append_new(path, ev, NULL, &err) == 0 ? 0
			      : err.status == ITIN_EX_DATAERR		  ? 1
									  : 2);
		}
	}
	for (w = 0; w < WRITERS; w++) {
		int status;

		if (wait(&status) > 0 && WIFEXITED(status)) {
			CHECK(WEXITSTATUS(status) < 2);
			won += WEXITSTATUS(status) == 0;
		}
	}
	CHECK_INT(won, 1);
	CHECK_INT(store_load(path, &l, NULL, &err), 0);
	CHECK_INT(l.n, 1);
	evlist_release(&l);
	free(path);
	free(dir);
}

TEST(failed_first_append_leaves_no_store)
{
	char *dir = fresh_dir();
	char *path = join(dir, "store.itin");
	pid_t pid;
	int status;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct rlimit rl = {0, 0};
		struct itin_err err;
		struct stat st;

		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &rl);
		test_failed_now = 0;
		CHECK_INT(append_one(path, "e1", "First", &err), -1);
		CHECK_INT(err.status, ITIN_EX_IOERR);
		CHECK(lstat(path, &st) < 0 && errno == ENOENT);
		fflush(stdout);
		_exit(test_failed_now);
	}
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0);
	free(path);
	free(dir);
}

TEST(commit_without_begin_fails)
{
	struct store_tx tx;
	struct itin_err err;
	char *dir = fresh_dir();
	char *path = join(dir, "store.itin");

	CHECK_INT(store_begin(path, &tx, NULL, &err), 0);
	store_abort(&tx);
	CHECK_INT(store_commit(&tx, &err), -1);
	CHECK_INT(err.status, ITIN_EX_OTHER);
	free(path);
	free(dir);
}

/* ---- many writers ---------------------------------------------------- */

TEST(concurrent_appends_lose_nothing)
{
	enum { WRITERS = 8, EACH = 40 };
	char *dir = fresh_dir();
	char *path = join(dir, "store.itin");
	struct evlist l = EVLIST_INIT;
	struct itin_err err;
	int w, i, bad = 0;

	fflush(stdout);
	for (w = 0; w < WRITERS; w++) {
		if (fork() == 0) {
			for (i = 0; i < EACH; i++) {
				char id[32];

				snprintf(id, sizeof(id), "w%d-%d", w, i);
				if (append_one(path, id, "Concurrent", &err) <
				    0) {
					printf("# %s\n", err.msg);
					_exit(1);
				}
			}
			_exit(0);
		}
	}
	for (w = 0; w < WRITERS; w++) {
		int status;

		if (wait(&status) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			bad++;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(store_load(path, &l, NULL, &err), 0);
	CHECK_INT(l.n, WRITERS * EACH);
	for (w = 0; w < WRITERS; w++)
		for (i = 0; i < EACH; i++) {
			char id[32];

			snprintf(id, sizeof(id), "w%d-%d", w, i);
			CHECK(evlist_find(&l, id) >= 0);
		}
	evlist_release(&l);
	free(path);
	free(dir);
}

/* ---- failures leave nothing ------------------------------------------ */

/* Nothing under dir but what the test made itself? */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

TEST(folder_name_as_store_creates_nothing)
{
	char *dir = fresh_dir();
	char *path = join(dir, "missing/");
	struct store_tx tx;
	struct itin_err err;

	CHECK_INT(append_one(path, "e1", "First", &err), -1);
	CHECK_INT(err.status, ITIN_EX_NOINPUT);
	CHECK_INT(store_begin(path, &tx, NULL, &err), -1);
	CHECK_INT(err.status, ITIN_EX_NOINPUT);
	CHECK_INT(count_entries(dir), 0);
	free(path);
	free(dir);
}

/* A first append that fails (here: the file-size limit) takes away the
 * store and the folders it made. */
TEST(failed_first_append_removes_its_folders)
{
	char *dir = fresh_dir();
	char *path = join(dir, "a/b/store.itin");
	pid_t pid;
	int status;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct rlimit rl = {0, 0};
		struct itin_err err;

		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &rl);
		test_failed_now = 0;
		CHECK_INT(append_one(path, "e1", "First", &err), -1);
		CHECK_INT(err.status, ITIN_EX_IOERR);
		CHECK_INT(count_entries(dir), 0);
		fflush(stdout);
		_exit(test_failed_now);
	}
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0);
	free(path);
	free(dir);
}

/* A transaction on a missing store that is aborted (an import that
 * failed) leaves no store and no folder. */
TEST(aborted_first_transaction_leaves_nothing)
{
	char *dir = fresh_dir();
	char *path = join(dir, "new/store.itin");
	struct store_tx tx;
	struct itin_err err;

	CHECK_INT(store_begin(path, &tx, NULL, &err), 0);
	CHECK_INT(tx.events.n, 0);
	store_abort(&tx);
	CHECK_INT(count_entries(dir), 0);
	/* Committed, it stays. */
	CHECK_INT(store_begin(path, &tx, NULL, &err), 0);
	evlist_add(&tx.events, mkevent("e1", "First", 0));
	CHECK_INT(store_commit(&tx, &err), 0);
	CHECK_INT(count_entries(dir), 1);
	free(path);
	free(dir);
}

/*
 * A writer that waited on the store while a rewrite renamed a new file
 * over it must take the lock again on the new file: appending to the old
 * one would lose the event.
 */
TEST(waiter_follows_a_rewrite)
{
	char *dir = fresh_dir();
	char *path = join(dir, "store.itin");
	struct evlist l = EVLIST_INIT;
	struct store_tx tx;
	struct itin_err err;
	pid_t pid;
	int status;

	CHECK_INT(append_one(path, "e1", "First", &err), 0);
	CHECK_INT(store_begin(path, &tx, NULL, &err), 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct itin_err e2;

		close(tx.lock_fd);
		setenv("ITIN_LOCK_TIMEOUT", "10", 1);
		_exit(append_one(path, "e3", "Third", &e2) == 0 ? 0 : 1);
	}
	usleep(300000); /* the child is waiting on the old file now */
	evlist_add(&tx.events, mkevent("e2", "Second", 1));
	CHECK_INT(store_commit(&tx, &err), 0);
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0);
	CHECK_INT(store_load(path, &l, NULL, &err), 0);
	CHECK_INT(l.n, 3);
	evlist_release(&l);
	free(path);
	free(dir);
}

/* add reads the store's last event (only that) before appending. */
TEST(append_refuses_a_store_whose_last_event_is_broken)
{
	char *dir = fresh_dir();
	char *path = join(dir, "store.itin");
	struct strbuf sb = STRBUF_INIT;
	struct itin_err err;
	char *before, *after;
	size_t n1 = 0, n2 = 0;
	int i;

	/* Enough events that the last one is beyond the first 64 KiB read
	 * from the end, and its line number must be counted. */
	for (i = 0; i < 1500; i++)
		strbuf_addf(&sb,
			    "2023-01-30 10:00 meeting Meeting number %d\n"
			    "    id: m%d\n    note: something to say\n\n",
			    i, i);
	strbuf_addstr(&sb, "2023-01-31 meeting Last\n    colour: red\n");
	for (i = 0; i < 3000; i++)
		strbuf_addstr(&sb, "    # a long comment trailing the event\n");
	spew(path, sb.buf, 0600);
	before = slurp(path, &n1);
	CHECK_INT(append_one(path, "e1", "First", &err), -1);
	CHECK_INT(err.status, ITIN_EX_DATAERR);
	CHECK_STR(err.file, path);
	CHECK_INT(err.line, 1500 * 4 + 2);
	CHECK_INT(err.col, 5);
	after = slurp(path, &n2);
	CHECK(before && after && n1 == n2 && !memcmp(before, after, n1));
	/* A header line that does not parse, at the end. */
	spew(path, "2023-01-30 meeting Fine\nnot an event\n", 0600);
	CHECK_INT(append_one(path, "e1", "First", &err), -1);
	CHECK_INT(err.status, ITIN_EX_DATAERR);
	CHECK_INT(err.line, 2);
	/* A good last event is enough (the cheap check). */
	spew(path, "2023-01-30 meeting Fine\n    tz: Europe/Paris\n", 0600);
	CHECK_INT(append_one(path, "e1", "First", &err), 0);
	free(before);
	free(after);
	strbuf_release(&sb);
	free(path);
	free(dir);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");

	umask(022);
	snprintf(topdir, sizeof(topdir), "%s/itin-store-test.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(topdir)) {
		perror(topdir);
		return 2;
	}
	/* The unprivileged children must be able to reach their folders. */
	chmod(topdir, 0755);
	unsetenv("ITIN_LOCK_TIMEOUT");

	RUN(default_path);
	RUN(load_missing_is_empty);
	RUN(append_creates_private_file_and_folders);
	RUN(append_then_load);
	RUN(append_adds_missing_final_newline);
	RUN(load_bad_store_is_65_and_keeps_list);
	RUN(directory_as_store_is_66);
	RUN(fifo_or_device_as_store_is_66);
	RUN(relative_path);
	RUN(commit_replaces_and_keeps_mode);
	RUN(commit_new_store_is_0600);
	RUN(abort_writes_nothing);
	RUN(symlinked_store_stays_a_link);
	RUN(busy_lock_times_out_with_75);
	RUN(two_links_share_one_lock);
	RUN(bad_lock_timeout_is_64);
	RUN(planted_lock_link_is_ignored);
	RUN(foreign_lock_file_does_not_block);
	RUN(readonly_folder_commit_is_73);
	RUN(readonly_folder_load_and_append);
	RUN(append_over_file_size_limit_is_74_and_undone);
	RUN(commit_over_file_size_limit_is_74_and_old_kept);
	RUN(failed_first_append_leaves_no_store);
	RUN(commit_without_begin_fails);
	RUN(stale_temp_files_are_removed);
	RUN(append_new_refuses_a_known_id);
	RUN(concurrent_append_new_keeps_ids_unique);
	RUN(concurrent_appends_lose_nothing);
	RUN(folder_name_as_store_creates_nothing);
	RUN(failed_first_append_removes_its_folders);
	RUN(aborted_first_transaction_leaves_nothing);
	RUN(waiter_follows_a_rewrite);
	RUN(append_refuses_a_store_whose_last_event_is_broken);

	{
		struct strbuf cmd = STRBUF_INIT;

		/* The read-only test folders must become writable to go. */
		strbuf_addf(&cmd, "chmod -R u+w '%s' && rm -rf '%s'", topdir,
			    topdir);
		if (system(cmd.buf) != 0)
			printf("# could not remove %s\n", topdir);
		strbuf_release(&cmd);
	}
	return test_done();
}
