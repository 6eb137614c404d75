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

/* The program (the first object dl_iterate_phdr reports): does its
 * dynamic section name an OpenMP runtime (libgomp, libomp, libiomp) among
 * the libraries it needs? */
static int main_needs(struct dl_phdr_info *info, size_t size, void *p) {
  (void)size;
  bool *needs = p;
  const ElfW(Dyn) *dyn = NULL;
  for (int i = 0; i < info->dlpi_phnum; i++)
    if (info->dlpi_phdr[i].p_type == PT_DYNAMIC)
      dyn = (const ElfW(Dyn) *)(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr);
  if (!dyn)
    return 1;
  const char *strtab = NULL;
  for (const ElfW(Dyn) *d = dyn; d->d_tag != DT_NULL; d++)
    if (d->d_tag == DT_STRTAB) {
      /* The loader relocates the entry in place when it can (a writable or
       * RELRO section); an unrelocated one is an offset from the base. */
      ElfW(Addr) a = d->d_un.d_ptr;
      strtab = (const char *)(a < info->dlpi_addr ? info->dlpi_addr + a : a);
    }
  if (!strtab)
    return 1;
  for (const ElfW(Dyn) *d = dyn; d->d_tag != DT_NULL; d++)
    if (d->d_tag == DT_NEEDED && openmp_runtime(strtab + d->d_un.d_val))
      *needs = true;
  return 1; /* the program only */
}

bool tp_program_needs_openmp(void) {
  bool needs = false;
  dl_iterate_phdr(main_needs, &needs);
  return needs;
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
