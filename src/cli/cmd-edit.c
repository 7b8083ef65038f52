/*
 * cmd-edit.c: `itin edit ID [OPTIONS] [--clear FIELD]...`.
 *
 * With options: the event is changed under the store's lock in one
 * transaction. Without: the event goes to $VISUAL/$EDITOR in the itin text
 * format. The store is not locked while the editor runs (that could take
 * minutes and every other itin would time out); instead, before writing,
 * the stored event must still be what was handed to the editor, else the
 * edit is refused and the edited file is kept.
 *
 * The editor's file is "$TMPDIR/itin-PID-XXXXXX.itin": PID is this
 * process, so that a file whose itin was killed (kill -9, a closed
 * terminal) can be told from one in use and is removed by the next edit.
 * A file kept on purpose for the user loses the PID from its name.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "itin/itinfmt.h"
#include "itin/store.h"
#include "itin/xalloc.h"

/* "itin-PID-XXXXXX.itin": the PID, else 0. */
static long edit_temp_pid(const char *name)
{
	const char *p = name + 5;
	long pid = 0;
	int i;

	if (strncmp(name, "itin-", 5) || *p < '1' || *p > '9')
		return 0;
	for (; *p >= '0' && *p <= '9' && pid < 100000000; p++)
		pid = pid * 10 + (*p - '0');
	if (*p++ != '-')
		return 0;
	for (i = 0; i < 6; i++, p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9')))
			return 0;
	return strcmp(p, ".itin") ? 0 : pid;
}

/*
 * Remove the editor's files of edits whose itin is dead: ours, plain
 * files, named by a process that no longer exists. They hold an event,
 * perhaps private, that nothing else would ever remove.
 */
static void remove_dead_edit_files(const char *tmpdir)
{
	DIR *d = opendir(tmpdir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		long pid = edit_temp_pid(de->d_name);
		struct stat st;

		if (!pid || pid == (long)getpid())
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue; /* alive (or not ours to ask): in use */
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) ==
			0 &&
		    S_ISREG(st.st_mode) && st.st_uid == geteuid())
			unlinkat(dirfd(d), de->d_name, 0);
	}
	closedir(d);
}

/*
 * The file is kept for the user: drop the PID from its name, so no later
 * edit takes it for a dead one's; tmp is set to the new name.
 */
static void keep_edit_file(struct strbuf *tmp)
{
	struct strbuf kept = STRBUF_INIT;
	const char *base = strrchr(tmp->buf, '/');
	const char *rnd;

	base = base ? base + 1 : tmp->buf;
	rnd = strchr(base + 5, '-');
	if (!rnd)
		return;
	strbuf_add(&kept, tmp->buf, (size_t)(base - tmp->buf));
	strbuf_addf(&kept, "itin-%s", rnd + 1);
	/* link + unlink: never over an existing file. */
	if (link(tmp->buf, kept.buf) == 0) {
		unlink(tmp->buf);
		strbuf_reset(tmp);
		strbuf_add(tmp, kept.buf, kept.len);
	}
	strbuf_release(&kept);
}

/*
 * While the editor runs, a SIGHUP (the terminal closed) or SIGTERM would
 * leave the editor's file behind: the handler removes it, then dies of
 * the signal as before. unlink, signal and raise are async-signal-safe.
 * A kill -9 cannot be caught: remove_dead_edit_files is for that.
 */
static char signal_file[4096];

static void remove_on_signal(int sig)
{
	if (signal_file[0])
		unlink(signal_file);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Arm (path) or disarm (NULL) remove_on_signal; disarming puts back what
 * was there before. */
static void remove_on_signals(const char *path)
{
	static struct sigaction old_hup, old_term;
	static bool armed;
	struct sigaction sa;

	if (!path) {
		if (armed) {
			sigaction(SIGHUP, &old_hup, NULL);
			sigaction(SIGTERM, &old_term, NULL);
			armed = false;
		}
		signal_file[0] = '\0';
		return;
	}
	if (armed || strlen(path) >= sizeof(signal_file))
		return;
	memcpy(signal_file, path, strlen(path) + 1);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = remove_on_signal;
	sigaction(SIGHUP, &sa, &old_hup);
	sigaction(SIGTERM, &sa, &old_term);
	armed = true;
}

/* Change the event with the options, in one transaction. */
static int edit_with_options(const char *path, const char *arg,
			     const struct evopts *o)
{
	struct store_tx tx;
	struct itin_err err;
	struct event *ev;
	long i;

	itin_err_clear(&err);
	if (store_begin_existing(path, &tx, STORE_WARNER, &err))
		return report_err(&err);
	i = find_event_arg(&tx.events, arg, &err);
	if (i < 0) {
		store_abort(&tx);
		return report_err(&err);
	}
	ev = event_clone(tx.events.v[i]);
	if (evopts_apply(o, ev, false, &err)) {
		event_free(ev);
		store_abort(&tx);
		return report_err(&err);
	}
	if (itinfmt_same_event(ev, tx.events.v[i])) {
		event_free(ev);
		store_abort(&tx);
		return 0;
	}
	event_next_seq(ev, tx.events.v[i]);
	evlist_replace(&tx.events, (size_t)i, ev);
	if (store_commit(&tx, &err))
		return report_err(&err);
	return 0;
}

/* Run the user's editor on path: the file name is passed as "$1", never
 * pasted into the shell command. */
static int run_editor(const char *path)
{
	const char *ed = getenv("VISUAL");
	struct sigaction ign, old_int, old_quit;
	struct strbuf cmd = STRBUF_INIT;
	pid_t pid;
	int ws;

	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	strbuf_addf(&cmd, "%s \"$1\"", ed);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		strbuf_release(&cmd);
		return report(ITIN_EX_OTHER, "cannot run the editor: %s",
			      strerror(errno));
	}
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd.buf, "sh", path, (char *)NULL);
		_exit(127);
	}
	/* The editor gets ^C, not us (as git does). */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	strbuf_release(&cmd);
	if (WIFEXITED(ws) && WEXITSTATUS(ws) == 0)
		return 0;
	if (WIFEXITED(ws))
		return report(ITIN_EX_OTHER,
			      "the editor '%s' failed (exit status %d); "
			      "nothing changed",
			      ed, WEXITSTATUS(ws));
	return report(
	    ITIN_EX_OTHER,
	    "the editor '%s' was killed by signal %d; nothing changed", ed,
	    WTERMSIG(ws));
}

static bool ask_again(void)
{
	char line[64];

	if (!isatty(STDIN_FILENO))
		return false;
	fputs("Edit again? [Y/n] ", stderr);
	fflush(stderr);
	if (!fgets(line, sizeof(line), stdin))
		return false;
	return line[0] != 'n' && line[0] != 'N';
}

static int write_whole(const char *path, int fd, const struct strbuf *sb)
{
	const char *p = sb->buf;
	size_t left = sb->len;

	while (left) {
		ssize_t n = write(fd, p, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return report(ITIN_EX_CANTCREAT,
				      "cannot write '%s': %s", path,
				      strerror(errno));
		p += n;
		left -= (size_t)n;
	}
	return 0;
}

static const char edit_intro[] =
    "# Edit the event below, save and quit. Lines starting with '#' are\n"
    "# ignored; the id line must stay. Quit without saving to cancel.\n";

/*
 * Parse the edited text: exactly one event, with the id it had. 0 with *out
 * set, or the status after reporting.
 */
static int parse_edited(const char *tmp, const struct strbuf *text,
			const char *id, struct event **out)
{
	struct evlist l = EVLIST_INIT;
	struct itin_err err;
	int status = 0;

	itin_err_clear(&err);
	if (itinfmt_parse(text->buf, text->len, tmp, &l, &cli_warner, &err)) {
		status = report_err(&err);
	} else if (l.n != 1) {
		status = report(ITIN_EX_DATAERR,
				"%s: the file must hold exactly one event "
				"(found %zu)",
				tmp, l.n);
	} else if (strcmp(l.v[0]->id, id)) {
		status =
		    report(ITIN_EX_DATAERR,
			   "%s: the id cannot change (it was '%s')", tmp, id);
	} else {
		*out = evlist_take(&l, 0);
	}
	evlist_release(&l);
	return status;
}

/*
 * Create the editor's file in $TMPDIR holding orig, its name in tmp (left
 * empty when it could not be made), removed should a signal end us. 0 or
 * the status after reporting.
 */
static int create_edit_file(struct strbuf *tmp, const struct strbuf *orig)
{
	const char *tmpdir = getenv("TMPDIR");
	int fd, status;

	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	remove_dead_edit_files(tmpdir);
	strbuf_addf(tmp, "%s/itin-%ld-XXXXXX.itin", tmpdir, (long)getpid());
	fd = mkstemps(tmp->buf, 5); /* 0600: only the user reads it */
	if (fd < 0) {
		status = report(ITIN_EX_CANTCREAT,
				"cannot create a temporary file '%s': %s",
				tmp->buf, strerror(errno));
		strbuf_reset(tmp);
		return status;
	}
	remove_on_signals(tmp->buf);
	status = write_whole(tmp->buf, fd, orig);
	if (close(fd) && !status)
		status = report(ITIN_EX_CANTCREAT, "cannot write '%s': %s",
				tmp->buf, strerror(errno));
	return status;
}

/*
 * Run the editor on tmp until what it leaves parses (or the user gives
 * up). 0 with *ev set to the edited event, or with *ev NULL when the text
 * came back unchanged ("no changes" said); else the status after
 * reporting, with *keep set when the file holds typing to keep.
 */
static int edit_rounds(const char *tmp, const struct strbuf *orig,
		       const char *id, struct event **ev, bool *keep)
{
	struct strbuf text = STRBUF_INIT;
	struct itin_err err;
	int status;

	for (;;) {
		if ((status = run_editor(tmp)))
			break;
		strbuf_reset(&text);
		itin_err_clear(&err);
		if (read_input(tmp, &text, &err)) {
			status = report_err(&err);
			break;
		}
		if (text.len == orig->len &&
		    !memcmp(text.buf, orig->buf, orig->len)) {
			report(0, "no changes");
			break;
		}
		if (!(status = parse_edited(tmp, &text, id, ev)))
			break;
		if (!ask_again()) {
			/* Do not throw away what the user typed. */
			*keep = true;
			break;
		}
	}
	strbuf_release(&text);
	return status;
}

/*
 * Store ev (taken) in place of before, in one transaction, unless another
 * itin changed the stored event while the editor ran. 0 or the status
 * after reporting.
 */
static int commit_edit(const char *path, const struct event *before,
		       struct event *ev)
{
	struct store_tx tx;
	struct itin_err err;
	long i;

	itin_err_clear(&err);
	if (store_begin_existing(path, &tx, STORE_WARNER, &err)) {
		event_free(ev);
		return report_err(&err);
	}
	i = evlist_find(&tx.events, before->id);
	if (i < 0 || !itinfmt_same_event(tx.events.v[i], before)) {
		store_abort(&tx);
		event_free(ev);
		return report(ITIN_EX_OTHER,
			      "event '%s' was changed by another itin while "
			      "you were editing it",
			      before->id);
	}
	event_next_seq(ev, tx.events.v[i]);
	evlist_replace(&tx.events, (size_t)i, ev);
	if (store_commit(&tx, &err))
		return report_err(&err);
	return 0;
}

static int edit_in_editor(const char *path, const char *arg)
{
	struct evlist l = EVLIST_INIT;
	struct strbuf orig = STRBUF_INIT, tmp = STRBUF_INIT;
	struct itin_err err;
	struct event *ev = NULL, *before;
	bool keep_tmp = false;
	long i;
	int status;

	itin_err_clear(&err);
	if (store_load(path, &l, STORE_WARNER, &err))
		return report_err(&err);
	i = find_event_arg(&l, arg, &err);
	if (i < 0) {
		status = report_err(&err);
		goto out;
	}
	before = l.v[i];
	strbuf_addstr(&orig, edit_intro);
	itinfmt_write_event(&orig, before);
	if ((status = create_edit_file(&tmp, &orig)))
		goto out;
	status = edit_rounds(tmp.buf, &orig, before->id, &ev, &keep_tmp);
	if (!status && ev && itinfmt_same_event(ev, before)) {
		report(0, "no changes");
	} else if (!status && ev) {
		status = commit_edit(path, before, ev);
		ev = NULL;
		keep_tmp = status != 0;
	}
	if (keep_tmp) {
		remove_on_signals(NULL);
		keep_edit_file(&tmp);
		report(0, "your version is kept in '%s'", tmp.buf);
	}
out:
	if (tmp.len && !keep_tmp)
		unlink(tmp.buf);
	remove_on_signals(NULL);
	event_free(ev);
	strbuf_release(&tmp);
	strbuf_release(&orig);
	evlist_release(&l);
	return status;
}

int cmd_edit(int argc, char **argv, struct cli *cli)
{
	static const struct option longopts[] = {
	    COMMON_LONGOPTS,
	    EVENT_LONGOPTS,
	    {"type", required_argument, NULL, OPT_TYPE},
	    {"title", required_argument, NULL, OPT_TITLE},
	    {"clear", required_argument, NULL, OPT_CLEAR},
	    {NULL, 0, NULL, 0},
	};
	struct evopts o = {0};
	const char *path;
	char **orig = NULL;
	int status;

	if ((status = parse_event_cmd(cli, argc, argv, longopts, &o, &orig)))
		goto out;
	if (optind >= argc) {
		status = usage_error(cli->cmd, "missing ID");
		goto out;
	}
	if (argc - optind > 1 &&
	    (status = stray_time_arg(cli->cmd, orig, argc, argv[optind + 1])))
		goto out;
	if ((status = too_many_args(cli->cmd, argc, argv, 1)))
		goto out;
	if (o.id) {
		status = usage_error(cli->cmd, "the id of an event cannot be "
					       "changed (--id)");
		goto out;
	}
	path = cli_store(cli);
	if (!path) {
		status = ITIN_EX_USAGE;
		goto out;
	}
	if (o.any)
		status = edit_with_options(path, argv[optind], &o);
	else
		status = edit_in_editor(path, argv[optind]);
out:
	free(orig);
	evopts_release(&o);
	return status;
}
