/*
 * cmd-remote.c: `itin remote add|list|remove`, the named CalDAV remotes of
 * `itin sync`, and the reading of their file for sync.
 *
 * The file is ${XDG_CONFIG_HOME:-~/.config}/itin/remotes, INI-like:
 *
 *   [office]
 *   url = https://dav.example.org/office/trip/
 *   user = protocol
 *   password_cmd = pass show dav/office
 *   cafile = /etc/ssl/office-ca.pem
 *   insecure = yes
 *
 * A "password = ..." key is read only from a file no one else may read
 * or write (mode 0600 or stricter, owned by the user): otherwise the file
 * is refused (78), since a secret another user can read is no secret.
 * itin never writes a password there itself; password_cmd (a command
 * that prints it) is not a secret. Comments start with '#' or ';'.
 * `remote add` and `remove` replace the file atomically (0600 when new).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli.h"
#include "itin/ascii.h"
#include "itin/fsutil.h"
#include "itin/http.h"
#include "itin/xalloc.h"

enum { OPT_USER = 400, OPT_PASSWORD_CMD, OPT_CAFILE, OPT_INSECURE };

void remote_release(struct remote *r)
{
	free(r->name);
	free(r->url);
	free(r->user);
	free(r->password);
	free(r->password_cmd);
	free(r->cafile);
	memset(r, 0, sizeof(*r));
}

char *remotes_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	struct strbuf sb = STRBUF_INIT;

	if (xdg && *xdg)
		strbuf_addf(&sb, "%s/itin/remotes", xdg);
	else if (home && *home)
		strbuf_addf(&sb, "%s/.config/itin/remotes", home);
	else
		return NULL;
	return strbuf_detach(&sb, NULL);
}

static char *trimmed(const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	return xstrndup(s, (size_t)(e - s));
}

static int set_key(struct remote *r, const char *key, char *value,
		   const char *path, long line)
{
	char **slot = !strcmp(key, "url")	   ? &r->url
		      : !strcmp(key, "user")	   ? &r->user
		      : !strcmp(key, "password")   ? &r->password
		      : !strcmp(key, "password_cmd") ? &r->password_cmd
		      : !strcmp(key, "cafile")	   ? &r->cafile
						   : NULL;

	if (!strcmp(key, "insecure")) {
		r->insecure = !strcmp(value, "yes") || !strcmp(value, "true") ||
			      !strcmp(value, "1");
		free(value);
		return 0;
	}
	if (!slot) {
		free(value);
		return report(EX_CONFIG, "%s:%ld: unknown key '%s'", path,
			      line, key);
	}
	free(*slot);
	*slot = value;
	return 0;
}

/*
 * Read the remotes file: the one named name into *out (found: 1), or
 * every one through each (name NULL). 0 when not found, or the status.
 */
static int read_remotes(const char *path, const char *name, struct remote *out,
			void (*each)(const struct remote *r, void *ctx),
			void *ctx, struct strbuf *text)
{
	struct strbuf buf = STRBUF_INIT;
	struct itin_err err;
	struct stat st;
	struct remote cur = {0};
	const char *p, *end;
	long line = 0;
	int status = 0, found = 0, secret = 0;

	itin_err_clear(&err);
	if (stat(path, &st) < 0) {
		if (errno == ENOENT)
			return 0;
		return report(ITIN_EX_NOINPUT, "cannot read '%s': %s", path,
			      strerror(errno));
	}
	if (read_input(path, &buf, &err)) {
		strbuf_release(&buf);
		return report_err(&err);
	}
	if (text)
		strbuf_add(text, buf.buf ? buf.buf : "", buf.len);
	p = buf.buf ? buf.buf : "";
	end = p + buf.len;
	while (p < end && !status) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end, *eq;
		char *s = trimmed(p, e);

		line++;
		p = nl ? nl + 1 : end;
		if (!*s || *s == '#' || *s == ';') {
			free(s);
			continue;
		}
		if (*s == '[') {
			size_t n = strlen(s);

			if (cur.name && (each || !strcmp(cur.name, name))) {
				if (each)
					each(&cur, ctx);
				else if (!found++)
					*out = cur, memset(&cur, 0, sizeof(cur));
			}
			remote_release(&cur);
			if (n < 3 || s[n - 1] != ']') {
				status = report(EX_CONFIG,
						"%s:%ld: bad section line",
						path, line);
			} else {
				cur.name = xstrndup(s + 1, n - 2);
			}
			free(s);
			continue;
		}
		eq = strchr(s, '=');
		if (!eq || !cur.name) {
			status = report(EX_CONFIG,
					"%s:%ld: expected [NAME] or KEY = VALUE",
					path, line);
			free(s);
			continue;
		}
		{
			char *key = trimmed(s, eq);

			if (!strcmp(key, "password"))
				secret = 1;
			status = set_key(&cur, key,
					 trimmed(eq + 1, s + strlen(s)), path,
					 line);
			free(key);
		}
		free(s);
	}
	if (!status && cur.name && (each || !strcmp(cur.name, name))) {
		if (each)
			each(&cur, ctx);
		else if (!found++)
			*out = cur, memset(&cur, 0, sizeof(cur));
	}
	remote_release(&cur);
	strbuf_release(&buf);
	if (!status && secret &&
	    ((st.st_mode & 077) || st.st_uid != getuid())) {
		if (found)
			remote_release(out);
		return report(EX_CONFIG,
			      "%s: holds a password but others may read it "
			      "(chmod 600 it, or use password_cmd)",
			      path);
	}
	if (status && found)
		remote_release(out);
	return status ? status : found ? 1 : 0;
}

int remote_lookup(const char *name, struct remote *out)
{
	char *path = remotes_path();
	int r;

	memset(out, 0, sizeof(*out));
	if (!path)
		return report(ITIN_EX_USAGE, "no HOME or XDG_CONFIG_HOME for "
					     "the remotes file");
	r = read_remotes(path, name, out, NULL, NULL, NULL);
	if (r == 0)
		r = report(ITIN_EX_USAGE,
			   "no remote '%s' (itin remote add %s URL), nor a URL",
			   name, name);
	else if (r == 1 && !out->url) {
		remote_release(out);
		r = report(EX_CONFIG, "%s: remote '%s' has no url", path, name);
	}
	free(path);
	return r == 1 ? 0 : r;
}

static void print_remote(const struct remote *r, void *ctx)
{
	struct strbuf *sb = ctx;

	strbuf_addf(sb, "%s\t%s\n", r->name, r->url ? r->url : "");
}

static bool valid_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!ascii_isalpha((unsigned char)*s) && !ascii_isdigit((unsigned char)*s) && !strchr("-_.", *s))
			return false;
	return true;
}

/* The file without the section of name (its lines), into out. */
static void without(const char *text, const char *name, struct strbuf *out,
		    bool *had)
{
	const char *p = text;
	bool skipping = false;

	*had = false;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
		char *s = trimmed(p, p + n - (nl ? 1 : 0));

		if (*s == '[') {
			size_t k = strlen(s);

			skipping = k >= 3 && s[k - 1] == ']' &&
				   k - 2 == strlen(name) &&
				   !strncmp(s + 1, name, k - 2);
			if (skipping)
				*had = true;
		}
		if (!skipping)
			strbuf_add(out, p, n);
		free(s);
		p += n;
	}
	if (out->len && out->buf[out->len - 1] != '\n')
		strbuf_addch(out, '\n');
}

static int write_remotes(const char *path, const struct strbuf *sb)
{
	struct itin_err err;
	char *dir = fs_path_dir(path);

	itin_err_clear(&err);
	/* ~/.config/itin may not exist yet. */
	{
		char *parent = fs_path_dir(dir);

		mkdir(parent, 0700);
		free(parent);
	}
	mkdir(dir, 0700);
	free(dir);
	if (fs_replace_file(path, sb->buf ? sb->buf : "", sb->len, 0600, &err))
		return report_err(&err);
	return 0;
}

static int remote_add(const char *path, int argc, char **argv,
		      const struct remote *opt)
{
	struct strbuf text = STRBUF_INIT, out = STRBUF_INIT;
	struct remote old;
	bool had;
	int status;

	if (argc != 2)
		return usage_error(cli_find_command("remote"),
				   "remote add needs NAME and URL");
	if (!valid_name(argv[0]))
		return usage_error(cli_find_command("remote"),
				   "bad remote name '%s' (letters, digits, "
				   "'-', '_', '.')",
				   argv[0]);
	if (!strstr(argv[1], "://"))
		return usage_error(cli_find_command("remote"),
				   "'%s' is not a URL", argv[1]);
	/* Refused before it is written, and not repeated: the remotes file
	 * and an error message are no place for a password. */
	if (http_url_has_userinfo(argv[1]))
		return usage_error(cli_find_command("remote"),
				   "a URL with a user or password in it is "
				   "refused: put the user in ~/.netrc or "
				   "--user, not in the URL");
	status = read_remotes(path, argv[0], &old, NULL, NULL, &text);
	if (status < 0 || status > 1)
		goto out;
	if (status == 1) {
		remote_release(&old);
		status = report(ITIN_EX_USAGE,
				"remote '%s' already exists (itin remote "
				"remove %s first)",
				argv[0], argv[0]);
		goto out;
	}
	without(text.buf ? text.buf : "", argv[0], &out, &had);
	strbuf_addf(&out, "[%s]\nurl = %s\n", argv[0], argv[1]);
	if (opt->user)
		strbuf_addf(&out, "user = %s\n", opt->user);
	if (opt->password_cmd)
		strbuf_addf(&out, "password_cmd = %s\n", opt->password_cmd);
	if (opt->cafile)
		strbuf_addf(&out, "cafile = %s\n", opt->cafile);
	if (opt->insecure)
		strbuf_addstr(&out, "insecure = yes\n");
	status = write_remotes(path, &out);
out:
	strbuf_release(&text);
	strbuf_release(&out);
	return status;
}

static int remote_remove(const char *path, int argc, char **argv)
{
	struct strbuf text = STRBUF_INIT, out = STRBUF_INIT;
	bool had;
	int status;

	if (argc != 1)
		return usage_error(cli_find_command("remote"),
				   "remote remove needs NAME");
	status = read_remotes(path, "", NULL, NULL, NULL, &text);
	if (status > 1 || status < 0)
		goto out;
	without(text.buf ? text.buf : "", argv[0], &out, &had);
	if (!had)
		status = report(ITIN_EX_USAGE, "no remote '%s'", argv[0]);
	else
		status = write_remotes(path, &out);
out:
	strbuf_release(&text);
	strbuf_release(&out);
	return status;
}

/* The options of `remote`, before or after its subcommand, into opt. */
static int remote_options(int argc, char **argv, const char *shortopts,
			  const struct option *longopts, struct cli *cli,
			  struct remote *opt)
{
	int c, status;

	while ((c = cli_getopt(argc, argv, shortopts, longopts, cli->cmd)) !=
	       -1) {
		switch (c) {
		case OPT_USER:
			opt->user = (char *)optarg;
			break;
		case OPT_PASSWORD_CMD:
			opt->password_cmd = (char *)optarg;
			break;
		case OPT_CAFILE:
			opt->cafile = (char *)optarg;
			break;
		case OPT_INSECURE:
			opt->insecure = 1;
			break;
		default:
			status = mine_or_usage(common_option(cli, c, optarg));
			if (status)
				return status;
		}
	}
	return 0;
}

int cmd_remote(int argc, char **argv, struct cli *cli)
{
	static const struct option longopts[] = {
	    COMMON_LONGOPTS,
	    {"user", required_argument, NULL, OPT_USER},
	    {"password-cmd", required_argument, NULL, OPT_PASSWORD_CMD},
	    {"cafile", required_argument, NULL, OPT_CAFILE},
	    {"insecure", no_argument, NULL, OPT_INSECURE},
	    {NULL, 0, NULL, 0},
	};
	struct remote opt = {0};
	const char *sub;
	char *path;
	int status = 0;

	optind = 0;
	if ((status = remote_options(argc, argv, "+f:h", longopts, cli, &opt)))
		return status;
	if (optind >= argc)
		return usage_error(cli->cmd, "missing add, list or remove");
	sub = argv[optind++];
	/* Options may follow the subcommand too. */
	if ((status = remote_options(argc, argv, "f:h", longopts, cli, &opt)))
		return status;
	path = remotes_path();
	if (!path)
		return report(ITIN_EX_USAGE,
			      "no HOME or XDG_CONFIG_HOME for the remotes file");
	if (!strcmp(sub, "add")) {
		status = remote_add(path, argc - optind, argv + optind, &opt);
	} else if (!strcmp(sub, "remove") || !strcmp(sub, "rm")) {
		status = remote_remove(path, argc - optind, argv + optind);
	} else if (!strcmp(sub, "list") || !strcmp(sub, "ls")) {
		struct strbuf sb = STRBUF_INIT;

		if (argc > optind)
			status = usage_error(cli->cmd,
					     "remote list takes no arguments");
		else if ((status = read_remotes(path, NULL, NULL, print_remote,
						&sb, NULL)) <= 1) {
			status = 0;
			out_strbuf(&sb);
		}
		strbuf_release(&sb);
	} else {
		status = usage_error(cli->cmd,
				     "unknown subcommand '%s' (add, list or "
				     "remove)",
				     sub);
	}
	free(path);
	return status;
}
