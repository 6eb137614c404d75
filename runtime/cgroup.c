/* cgroup.c — the CPU quota of the process's cgroups (see cgroup.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgroup.h"

#define CG_PATH 4096

/* Whether the comma-separated list `list` holds `word`. */
static bool has_token(const char *list, const char *word) {
  size_t n = strlen(word);
  for (const char *p = list; *p;) {
    size_t len = strcspn(p, ",");
    if (len == n && strncmp(p, word, n) == 0)
      return true;
    p += len;
    if (*p == ',')
      p++;
  }
  return false;
}

/* The first line of a small file, without its newline; false if the file is
 * missing, unreadable or empty. */
static bool read_line(const char *dir, const char *name, char *buf, size_t len) {
  char path[CG_PATH];
  if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
    return false;
  FILE *f = fopen(path, "re");
  if (!f)
    return false;
  bool ok = fgets(buf, (int)len, f) != NULL;
  fclose(f);
  if (ok)
    buf[strcspn(buf, "\n")] = 0;
  return ok;
}

/* A decimal integer at *s; on success *s points past it. */
static bool parse_ll(const char **s, long long *out) {
  char *end;
  errno = 0;
  long long v = strtoll(*s, &end, 10);
  if (end == *s || errno)
    return false;
  *s = end;
  *out = v;
  return true;
}

static bool only_blanks(const char *s) {
  return s[strspn(s, " \t")] == 0;
}

/* Keeps quota/period in *out if it is a limit smaller than the one there. */
static void consider(struct tp_cgroup_quota *out, long long quota, long long period,
                     int version) {
  if (quota <= 0 || period <= 0)
    return;
  long long c = quota / period + (quota % period != 0);
  unsigned cpus = c > (long long)~0u ? ~0u : (unsigned)c;
  if (out->cpus == 0 || cpus < out->cpus) {
    out->cpus = cpus;
    out->quota = quota;
    out->period = period;
    out->version = version;
  }
}

/* One cgroup directory's own limit, if it sets one. */
static void level_limit(const char *dir, int version, struct tp_cgroup_quota *out) {
  char buf[128];
  long long quota, period;
  const char *s = buf;
  if (version == 2) {
    /* "max PERIOD" (no limit) or "QUOTA PERIOD". */
    if (!read_line(dir, "cpu.max", buf, sizeof buf) || strncmp(buf, "max", 3) == 0)
      return;
    if (parse_ll(&s, &quota) && *s == ' ' && parse_ll(&s, &period) && only_blanks(s))
      consider(out, quota, period, 2);
    return;
  }
  if (!read_line(dir, "cpu.cfs_quota_us", buf, sizeof buf) || !parse_ll(&s, &quota) ||
      !only_blanks(s) || quota <= 0) /* -1: no limit */
    return;
  s = buf;
  if (read_line(dir, "cpu.cfs_period_us", buf, sizeof buf) && parse_ll(&s, &period) &&
      only_blanks(s))
    consider(out, quota, period, 1);
}

/* Undoes mountinfo's octal escapes (\040 for a space) in place. */
static void unescape(char *s) {
  char *w = s;
  for (const char *r = s; *r;) {
    if (r[0] == '\\' && r[1] >= '0' && r[1] <= '3' && r[2] >= '0' && r[2] <= '7' &&
        r[3] >= '0' && r[3] <= '7') {
      *w++ = (char)((r[1] - '0') * 64 + (r[2] - '0') * 8 + (r[3] - '0'));
      r += 4;
    } else {
      *w++ = *r++;
    }
  }
  *w = 0;
}

/* Whether a mountinfo line (split in place) mounts the hierarchy of
 * `version`; its root and mount point are returned. */
static bool mount_of(char *line, int version, char **root, char **point) {
  char *field[6], *save = NULL;
  int n = 0;
  for (char *t = strtok_r(line, " \n", &save); t; t = strtok_r(NULL, " \n", &save)) {
    if (n < 6) {
      field[n++] = t;
      continue;
    }
    if (strcmp(t, "-") != 0)
      continue; /* an optional field */
    char *fstype = strtok_r(NULL, " \n", &save);
    char *source = fstype ? strtok_r(NULL, " \n", &save) : NULL;
    char *opts = source ? strtok_r(NULL, " \n", &save) : NULL;
    if (!opts)
      return false;
    if (version == 2 ? strcmp(fstype, "cgroup2") != 0
                     : strcmp(fstype, "cgroup") != 0 || !has_token(opts, "cpu"))
      return false;
    *root = field[3];
    *point = field[4];
    unescape(*root);
    unescape(*point);
    return true;
  }
  return false;
}

/* Walks from cgroup `cg` of the hierarchy `version` up to its mount's root,
 * the mount found in mountinfo (the first that holds the cgroup). */
static void walk(const char *prefix, int version, const char *cg, struct tp_cgroup_quota *out) {
  char path[CG_PATH], dir[CG_PATH];
  if ((size_t)snprintf(path, sizeof path, "%s%s", prefix,
                       *prefix ? "/mountinfo" : "/proc/self/mountinfo") >= sizeof path)
    return;
  FILE *f = fopen(path, "re");
  if (!f)
    return;
  char *line = NULL, *root, *point;
  size_t cap = 0;
  bool found = false;
  while (!found && getline(&line, &cap, f) > 0) {
    if (!mount_of(line, version, &root, &point))
      continue;
    /* The cgroup's path below the mount's root; the mount point alone if the
     * mount does not hold it (another namespace's view). */
    size_t rl = strcmp(root, "/") == 0 ? 0 : strlen(root);
    const char *rel = cg;
    if (rl && !(strncmp(cg, root, rl) == 0 && (cg[rl] == '/' || cg[rl] == 0)))
      rel = "";
    else
      rel = cg + rl;
    size_t pl = strlen(point);
    while (pl && point[pl - 1] == '/')
      pl--;
    if ((size_t)snprintf(dir, sizeof dir, "%s%.*s%s", prefix, (int)pl, point, rel) >= sizeof dir)
      break;
    found = true;
    size_t base = strlen(prefix) + pl, len = strlen(dir);
    while (len > base && dir[len - 1] == '/')
      dir[--len] = 0;
    for (;;) {
      level_limit(dir, version, out);
      char *slash = len > base ? strrchr(dir + base, '/') : NULL;
      if (!slash)
        break;
      *slash = 0;
      len = (size_t)(slash - dir);
    }
  }
  free(line);
  fclose(f);
}

void tp_cgroup_cpu_quota(struct tp_cgroup_quota *out) {
  memset(out, 0, sizeof *out);
  const char *prefix = getenv("TEMPO_TEST_CGROUP_ROOT");
  if (!prefix)
    prefix = "";
  char path[CG_PATH];
  if ((size_t)snprintf(path, sizeof path, "%s%s", prefix,
                       *prefix ? "/proc_self_cgroup" : "/proc/self/cgroup") >= sizeof path)
    return;
  FILE *f = fopen(path, "re");
  if (!f)
    return;
  char *line = NULL;
  size_t cap = 0;
  bool seen[3] = {false, false, false};
  while (getline(&line, &cap, f) > 0) {
    /* "ID:CONTROLLERS:PATH": v2 is "0::PATH"; v1 lists its controllers. */
    line[strcspn(line, "\n")] = 0;
    char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    if (!c2 || c2[1] != '/')
      continue;
    *c1 = *c2 = 0;
    int version = strcmp(line, "0") == 0 && c1[1] == 0 ? 2 : has_token(c1 + 1, "cpu") ? 1 : 0;
    if (version && !seen[version]) {
      seen[version] = true;
      walk(prefix, version, c2 + 1, out);
    }
  }
  free(line);
  fclose(f);
}
