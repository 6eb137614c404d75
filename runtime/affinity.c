/* affinity.c — affinity format expansion (see affinity.h). */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "affinity.h"
#include "places.h"
#include "task.h"

struct out {
  char *buf;
  size_t size, len;
};

static void put(struct out *o, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++, o->len++)
    if (o->len + 1 < o->size)
      o->buf[o->len] = s[i];
}

static void pad(struct out *o, char c, size_t n) {
  while (n--)
    put(o, &c, 1);
}

/* One field value s, justified in `width` (0 = none). */
static void field(struct out *o, const char *s, size_t width, bool zero, bool right) {
  size_t n = strlen(s);
  if (n >= width) {
    put(o, s, n);
  } else if (zero) {
    /* zeros go after a sign or a 0x prefix */
    size_t pre = s[0] == '-' ? 1 : (s[0] == '0' && s[1] == 'x') ? 2 : 0;
    put(o, s, pre);
    pad(o, '0', width - n);
    put(o, s + pre, n - pre);
  } else if (right) {
    pad(o, ' ', width - n);
    put(o, s, n);
  } else {
    put(o, s, n);
    pad(o, ' ', width - n);
  }
}

static const struct { const char *name; char c; } long_names[] = {
    {"team_num", 't'},     {"num_teams", 'T'},        {"nesting_level", 'L'},
    {"thread_num", 'n'},   {"num_threads", 'N'},      {"ancestor_tnum", 'a'},
    {"host", 'H'},         {"process_id", 'P'},       {"native_thread_id", 'i'},
    {"thread_affinity", 'A'}};

static void value(struct tp_thread *self, char c, char *v, size_t n) {
  struct tp_team *team = self->team;
  const struct tp_icv *icv = &self->task->icv;
  switch (c) {
  case 't': snprintf(v, n, "%u", icv->team_num); break;
  case 'T': snprintf(v, n, "%u", icv->num_teams ? icv->num_teams : 1); break;
  case 'L': snprintf(v, n, "%u", team->level); break;
  case 'n': snprintf(v, n, "%u", self->tid); break;
  case 'N': snprintf(v, n, "%u", team->nthreads); break;
  case 'a': snprintf(v, n, "%d", team->level ? (int)team->parent_tid : -1); break;
  case 'H':
    if (gethostname(v, n - 1) != 0)
      snprintf(v, n, "node");
    v[n - 1] = 0;
    break;
  case 'P': snprintf(v, n, "%d", (int)getpid()); break;
  case 'i': snprintf(v, n, "0x%lx", (unsigned long)pthread_self()); break;
  case 'A': {
    cpu_set_t set;
    if (pthread_getaffinity_np(pthread_self(), sizeof set, &set) != 0)
      sched_getaffinity(0, sizeof set, &set);
    tp_cpuset_format(&set, v, n);
    break;
  }
  default: v[0] = 0; break;
  }
}

size_t tp_affinity_capture(struct tp_thread *self, char *buf, size_t size,
                           const char *format) {
  if (!format || !*format)
    format = tp_load_acq(&tp_rt.g.affinity_format);
  struct out o = {buf, size, 0};
  const char *p = format;
  while (*p) {
    const char *pct = strchr(p, '%');
    if (!pct) {
      put(&o, p, strlen(p));
      break;
    }
    put(&o, p, (size_t)(pct - p));
    const char *q = pct + 1;
    if (*q == '%') {
      put(&o, "%", 1);
      p = q + 1;
      continue;
    }
    bool zero = false, right = false;
    size_t width = 0;
    if (*q == '0' && q[1] == '.') {
      zero = true;
      q++;
    }
    if (*q == '.') {
      right = true;
      q++;
    }
    while (*q >= '0' && *q <= '9' && width < 100000)
      width = width * 10 + (size_t)(*q++ - '0');
    char c = *q;
    const char *next = q + (c != 0);
    if (c == '{') {
      c = 0;
      for (size_t i = 0; i < sizeof long_names / sizeof long_names[0]; i++) {
        size_t n = strlen(long_names[i].name);
        if (!strncmp(q + 1, long_names[i].name, n) && q[1 + n] == '}') {
          c = long_names[i].c;
          next = q + n + 2;
          break;
        }
      }
    }
    if (!c || !strchr("tTLnNaHPiA", c)) {
      static bool warned;
      if (!__atomic_exchange_n(&warned, true, __ATOMIC_RELAXED))
        tp_warn("affinity format '%s': unknown field at '%s'; copied as is", format, pct);
      put(&o, pct, (size_t)(next - pct));
      p = next;
      continue;
    }
    char v[1024];
    value(self, c, v, sizeof v);
    field(&o, v, width, zero, right || zero);
    p = next;
  }
  if (size)
    buf[o.len < size ? o.len : size - 1] = 0;
  return o.len;
}

void tp_affinity_display(struct tp_thread *self, const char *format) {
  char small[512];
  size_t n = tp_affinity_capture(self, small, sizeof small, format);
  char *b = n < sizeof small ? small : tp_malloc(n + 2);
  if (b != small)
    tp_affinity_capture(self, b, n + 1, format);
  b[n] = '\n';
  fwrite(b, 1, n + 1, stderr);
  if (b != small)
    free(b);
}

void tp_affinity_announce(struct tp_thread *self) {
  struct tp_team *team = self->team;
  int now[] = {1, (int)team->level, (int)self->tid, (int)team->nthreads,
               (int)team->parent_tid, self->bound_place};
  int *seen = &self->aff_shown.shown;
  if (!memcmp(seen, now, sizeof now))
    return;
  memcpy(seen, now, sizeof now);
  tp_affinity_display(self, NULL);
}
