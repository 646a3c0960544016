/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tools/tool.h: what the ukmem command's subcommands share: their entry points, output
 * styling (colours only on a terminal), reading views, booting with modules, the control
 * socket's location, and the pictures. */
#ifndef UKMEM_TOOLS_TOOL_H
#define UKMEM_TOOLS_TOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

int cmd_demo(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_proc(int argc, char **argv);
int cmd_top(int argc, char **argv);
int cmd_map(int argc, char **argv);
int cmd_fb(int argc, char **argv);
int cmd_replay(int argc, char **argv);
int cmd_modinfo(int argc, char **argv);
int cmd_lsmod(int argc, char **argv);
int cmd_lspci(int argc, char **argv);
int cmd_kbuild_dir(int argc, char **argv);
int cmd_kunit(int argc, char **argv);

/* Exit statuses of the ukmem command. */
#define EXIT_REPORTED	1	/* the work failed: a module's init, a view, a picture */
#define EXIT_USAGE	2	/* bad arguments (or a command line the machine cannot boot) */
#define EXIT_DIED	3	/* the machine stopped: BUG, panic, panic_on_warn */
#define EXIT_TAINTED	4	/* ukmem run: the kernel printed a report (WARN, bad page, ...) */

/* Options and help. Each subcommand's help text starts with its "usage: ..." line(s),
 * then a blank line, what it does, its options and exit statuses. */
/* For commands whose only option is --help: -1 to go on (optind is the first
 * argument), else the status to exit with (help printed, or a usage error). */
int parse_no_options(int argc, char **argv, const char *help);
/* `--help`: prints help on stdout; returns 0. */
int print_help(const char *help);
/* A usage error: "ukmem CMD: <why>" (when fmt), the help's usage lines and a pointer to
 * --help, on stderr; returns EXIT_USAGE. */
int usage_error(const char *help, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Strict numbers: the whole of s, within [min, max]. */
bool parse_long(const char *s, long min, long max, long *value);
bool parse_seconds(const char *s, double *value);	/* > 0, at most a day */
/* --pid N: a process id (1..INT32_MAX) into *pid. 0, or a usage error's status. */
int parse_pid_option(const char *help, const char *arg, pid_t *pid);
/* Checks the arguments that name files before any work, each a usage error: a module
 * (args that are not PARAM=VALUE) must be a readable regular file; an input file (a
 * trace, pci.ids, a .kunitconfig) must exist, be readable and not be a directory; an
 * output file must not be a directory, must be in a writable directory and, when exts
 * is not NULL, end in one of exts (".png", ...; case-insensitive). what ("--out ", or
 * "") names the option in the message. 0, or a usage error's status. */
int check_module_args(const char *help, char **args, int n);
int check_input_file(const char *help, const char *what, const char *path);
int check_output_file(const char *help, const char *what, const char *path,
		      const char *const *exts);

static inline bool has_extension(const char *path, const char *ext)
{
	size_t len = strlen(path), ext_len = strlen(ext);

	return len > ext_len && !strcasecmp(path + len - ext_len, ext);
}

/* Styling: the escape sequence when stdout is a terminal (and NO_COLOR is unset), else "". */
extern bool tool_tty;
void tool_styling_init(void);
const char *style(const char *sgr);	/* style("1") bold, style("32") green, style("0") reset */
void heading(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The machine's view at path (malloc'd, never NULL: "" when unknown). */
char *view(const char *path);
/* Prints the lines of after that are not in before ("+ ") and of before not in after
 * ("- "), in their order, under the view's name; "(unchanged)" when equal. */
void print_view_diff(const char *path, const char *before, const char *after);

/* Boots with cmdline ("loglevel=4" first when quiet); on failure prints why and returns
 * the exit status to use. */
int boot_machine(const char *cmdline, bool quiet);
/* Loads the modules in args[0..n): a path, then its parameters ("count=3"). *done counts
 * the args of the modules loaded; 0, or the failing module's error (printed). */
int load_modules(char **args, int n, int *done);
/* "count=3" after a module is one of its parameters; a path ending in .so never is. */
bool is_module_param(const char *arg);
/* Unloads the modules among args[0..done), last first; returns how many stayed (in use,
 * as rmmod(8) reports it, or another error, printed). */
int unload_modules(char **args, int done);
const char *module_name_of(const char *path, char *buf, size_t size);

/* The Kbuild directory next to this program (the installed tree's or the build tree's)
 * into buf; 0, or -1 with a message. */
int find_kbuild_dir(char *buf, size_t size);

/* Control sockets live in $UKMEM_CTL_DIR, or $XDG_RUNTIME_DIR/ukmem, or /tmp/ukmem-<uid>,
 * as <pid>.sock. ctl_socket_for() writes the path for pid (0: the newest live socket
 * found there, or the one $UKMEM_CTL names). 0, or -1 with a message. */
int ctl_socket_dir(char *buf, size_t size, bool create);
int ctl_socket_for(pid_t pid, char *buf, size_t size);
/* The view at path of the machine served by pid (0: as ctl_socket_for), malloc'd; NULL
 * with a message when no machine answers or it has no such view. */
char *served_view(pid_t pid, const char *path);
/* lsmod's table ("Module                  Size  Used by") from /proc/modules text. */
void print_lsmod(const char *proc_modules);
/* The modules using name, from /proc/modules text: "a b" (malloc'd; "" for none). */
char *module_holders(const char *proc_modules, const char *name);
/* The module has an init function and no exit function: Linux keeps it loaded for good. */
bool module_is_permanent(const char *proc_modules, const char *name);

/* tools/mount.c: the machine's /dev, /proc and /sys under a host directory (FUSE).
 * machine_mount_start() mounts it and serves it from threads of its own (NULL with a
 * message if it cannot); machine_mount_stop() unmounts it and closes what programs
 * left open there. mount_clean_stale() unmounts a ukmem mount at dir whose machine is
 * gone (0; -1 with a message if dir is served by a live one or cannot be cleaned);
 * mount_clean_after() unmounts whatever ukmem mount is left at dir. */
struct machine_mount;
struct machine_mount *machine_mount_start(const char *dir);
void machine_mount_stop(struct machine_mount *m);
int mount_clean_stale(const char *dir);
void mount_clean_after(const char *dir);

/* Pictures (PNG, or SVG when path ends in .svg), drawn with cairo. 0, or -1 with a
 * message. write_memory_map() draws both layers (tools/memory_map.h has the rest). */
int write_memory_map(const char *path);
int write_framebuffer_png(const char *path);

/* The body of `fb`: parses --out (one of exts) and --cmdline, boots, loads the modules
 * that follow, draws into out, unloads. Returns the exit status. */
int picture_command(int argc, char **argv, const char *help, const char *const *exts,
		    int (*draw)(const char *out));
/* Boots with cmdline, loads the modules in args[0..n), calls draw(arg) (0, or -1 after
 * its message), unloads them and shuts down. Returns the exit status. */
int picture_run(const char *cmdline, char **args, int n, int (*draw)(void *arg), void *arg);
/* After cairo wrote (or failed to write) path: 0, or -1 with "cannot write" and why
 * (memory_map.c). */
int picture_written(const char *path, int cairo_status);

#endif
