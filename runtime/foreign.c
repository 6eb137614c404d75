/* foreign.c — other OpenMP runtimes mapped in the process: the libgomp or
 * libomp that a program was linked against (still loaded when Tempo is
 * preloaded over it), vendored copies under other names (Python wheels'
 * libgomp-<hash>.so.1), Intel's libiomp5.  Their entry points bind to
 * Tempo, so they should stay idle.  OMP_DISPLAY_ENV=verbose names them
 * after its block, and then the process's first team also warns once if
 * threads exist that Tempo did not start while one is loaded (the runtimes
 * do not show their threads, so this is a count, and a program's own
 * threads that never call OpenMP count too: hence only on request). */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <string.h>

#include "rt.h"

static bool openmp_runtime(const char *path) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  return strstr(base, ".so") &&
         (strncmp(base, "libgomp", 7) == 0 || strncmp(base, "libomp", 6) == 0 ||
          strncmp(base, "libiomp", 7) == 0);
}

struct walk {
  const char *self; /* Tempo's own path as the loader knows it */
  void (*fn)(const char *path, void *arg);
  void *arg;
};

static int visit(struct dl_phdr_info *info, size_t size, void *p) {
  (void)size;
  const struct walk *w = p;
  const char *name = info->dlpi_name;
  if (name && *name && openmp_runtime(name) && strcmp(name, w->self) != 0)
    w->fn(name, w->arg);
  return 0;
}

void tp_foreign_each(void (*fn)(const char *path, void *arg), void *arg) {
  Dl_info me;
  if (!dladdr((void *)&tp_foreign_each, &me) || !me.dli_fname)
    return;
  struct walk w = {me.dli_fname, fn, arg};
  dl_iterate_phdr(visit, &w);
}

static void first_path(const char *path, void *arg) {
  const char **first = arg;
  if (!*first)
    *first = path;
}

/* Threads of this process: entries of /proc/self/task. */
static unsigned os_threads(void) {
  DIR *d = opendir("/proc/self/task");
  unsigned n = 0;
  if (!d)
    return 0;
  for (struct dirent *e; (e = readdir(d));)
    n += e->d_name[0] != '.';
  closedir(d);
  return n;
}

void tp_foreign_check_threads(void) {
  /* Only when asked for diagnostics: the count cannot tell another
   * runtime's threads from the program's own that never call OpenMP. */
  if (tp_rt.g.display_env != 2)
    return;
  const char *other = NULL;
  tp_foreign_each(first_path, &other);
  if (!other)
    return;
  /* Every thread Tempo knows has a uid (workers and initial threads, ended
   * ones included): more threads than that were started by someone else. */
  unsigned n = os_threads(), known = tp_load(&tp_rt.next_uid);
  if (n > known)
    tp_warn("%u thread(s) in this process were not started by Tempo, and another "
            "OpenMP runtime is loaded (%s): code that calls it directly, not through "
            "the entry points Tempo takes, may run a second thread pool", n - known, other);
}
