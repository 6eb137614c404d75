/* places.c — place-list parsing and formatting (see places.h). */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lex.h"
#include "places.h"
#include "topology.h"

#define MAXCPU CPU_SETSIZE

/* ---- growing lists --------------------------------------------------- */

struct builder {
  struct tp_place_list l;
  unsigned cap;
};

static void push(struct builder *b, const cpu_set_t *set) {
  if (b->l.n == b->cap) {
    b->cap = b->cap ? b->cap * 2 : 8;
    cpu_set_t *n = realloc(b->l.set, sizeof *n * b->cap);
    if (!n)
      tp_fatal("out of memory building the place list");
    b->l.set = n;
  }
  b->l.set[b->l.n++] = *set;
}

static struct tp_place_list *finish(struct builder *b) {
  struct tp_place_list *l = tp_malloc(sizeof *l);
  *l = b->l;
  return l;
}

void tp_places_free(struct tp_place_list *l) {
  if (l) {
    free(l->set);
    free(l);
  }
}

/* Keeps only usable CPUs and drops places left empty. */
static struct tp_place_list *finalize(struct builder *b, const cpu_set_t *avail,
                                      const char **why, const char **note) {
  unsigned j = 0;
  for (unsigned i = 0; i < b->l.n; i++) {
    CPU_AND(&b->l.set[i], &b->l.set[i], avail);
    if (CPU_COUNT(&b->l.set[i]))
      b->l.set[j++] = b->l.set[i];
  }
  if (j == 0) {
    free(b->l.set);
    *why = "none of the places contains a usable CPU";
    return NULL;
  }
  if (j < b->l.n)
    *note = "places without a usable CPU were dropped";
  b->l.n = j;
  return finish(b);
}

/* ---- OMP_PLACES ------------------------------------------------------- */


/* A number and the blanks after it. */
static bool num(const char **s, unsigned long *out) {
  const char *end = tp_parse_ulong(*s, out);
  if (!end)
    return false;
  *s = tp_skip_ws(end);
  return true;
}

static bool snum(const char **s, long *out) {
  const char *p = tp_skip_ws(*s);
  const char *d = (*p == '-' || *p == '+') ? p + 1 : p;
  if (!isdigit((unsigned char)*d))
    return false;
  errno = 0;
  char *end;
  *out = strtol(p, &end, 10);
  if (errno)
    return false;
  *s = tp_skip_ws(end);
  return true;
}

/* ":len[:stride]" after a resource or a place; absent means 1 and 1. */
static bool interval(const char **s, unsigned long *len, long *stride,
                     unsigned long maxlen) {
  *len = 1;
  *stride = 1;
  if (**s != ':')
    return true;
  ++*s;
  if (!num(s, len) || *len == 0 || *len > maxlen)
    return false;
  if (**s == ':') {
    ++*s;
    if (!snum(s, stride))
      return false;
  }
  return true;
}

static bool add_cpus(cpu_set_t *set, unsigned long cpu, unsigned long len,
                     long stride) {
  for (long c = (long)cpu; len--; c += stride) {
    if (c < 0 || c >= MAXCPU)
      return false;
    CPU_SET((size_t)c, set);
  }
  return true;
}

/* "{res,res,...}" or a bare CPU number; *s is past it on success. */
static bool parse_place(const char **s, cpu_set_t *set, const char **why) {
  CPU_ZERO(set);
  unsigned long cpu, len;
  long stride;
  if (**s != '{') {
    if (!num(s, &cpu) || cpu >= MAXCPU) {
      *why = "expected a place: {cpu,...} or a CPU number";
      return false;
    }
    CPU_SET(cpu, set);
    return true;
  }
  ++*s;
  cpu_set_t removed;
  CPU_ZERO(&removed);
  for (;;) {
    *s = tp_skip_ws(*s);
    bool neg = **s == '!';
    if (neg)
      ++*s;
    if (!num(s, &cpu)) {
      *why = "expected a CPU number inside { }";
      return false;
    }
    if (cpu >= MAXCPU) {
      *why = "CPU number out of range inside { } (CPUs 0..1023)";
      return false;
    }
    if (neg) {
      CPU_SET(cpu, &removed);
    } else if (!interval(s, &len, &stride, MAXCPU) || !add_cpus(set, cpu, len, stride)) {
      *why = "bad CPU interval inside { } (cpu:length[:stride], CPUs 0.."
             "1023)";
      return false;
    }
    if (**s == '}')
      break;
    if (**s != ',') {
      *why = "expected ',' or '}' inside a place";
      return false;
    }
    ++*s;
  }
  ++*s;
  cpu_set_t both;
  CPU_AND(&both, set, &removed);
  if (!CPU_EQUAL(&both, &removed)) {
    *why = "a CPU excluded with '!' is not in its place";
    return false;
  }
  CPU_XOR(set, set, &removed);
  return true;
}

static bool shift(cpu_set_t *dst, const cpu_set_t *src, long stride) {
  CPU_ZERO(dst);
  for (long c = 0; c < MAXCPU; c++)
    if (CPU_ISSET(c, src)) {
      if (c + stride < 0 || c + stride >= MAXCPU)
        return false;
      CPU_SET(c + stride, dst);
    }
  return true;
}

static struct tp_place_list *parse_list(const char *s, const cpu_set_t *avail,
                                        const char **why, const char **note) {
  struct builder b = {0};
  for (;;) {
    s = tp_skip_ws(s);
    bool neg = *s == '!';
    if (neg)
      s = tp_skip_ws(s + 1);
    cpu_set_t p;
    if (!parse_place(&s, &p, why))
      goto fail;
    s = tp_skip_ws(s);
    unsigned long len;
    long stride;
    if (neg) {
      unsigned i = 0;
      while (i < b.l.n && !CPU_EQUAL(&b.l.set[i], &p))
        i++;
      if (i == b.l.n) {
        *why = "a place excluded with '!' is not in the list";
        goto fail;
      }
      memmove(&b.l.set[i], &b.l.set[i + 1], (b.l.n - i - 1) * sizeof p);
      b.l.n--;
    } else {
      if (!interval(&s, &len, &stride, TP_MAX_PLACES - 1)) {
        *why = "bad place interval (place:length[:stride])";
        goto fail;
      }
      if (b.l.n + len > TP_MAX_PLACES) {
        *why = "too many places";
        goto fail;
      }
      push(&b, &p);
      for (unsigned long k = 1; k < len; k++) {
        cpu_set_t q;
        if (!shift(&q, &b.l.set[b.l.n - 1], stride)) {
          *why = "a place interval goes beyond the CPU numbers";
          goto fail;
        }
        push(&b, &q);
      }
    }
    if (*s == 0)
      break;
    if (*s != ',') {
      *why = "expected ',' between places";
      goto fail;
    }
    s++;
  }
  if (b.l.n == 0) {
    *why = "all places have been removed";
    goto fail;
  }
  return finalize(&b, avail, why, note);
fail:
  free(b.l.set);
  return NULL;
}

struct tp_place_list *tp_places_parse(const char *s, const cpu_set_t *avail,
                                      const char **why, const char **note) {
  static const struct { const char *name; int level; } names[] = {
      {"threads", TP_PLACES_THREADS},   {"cores", TP_PLACES_CORES},
      {"sockets", TP_PLACES_SOCKETS},   {"ll_caches", TP_PLACES_LL_CACHES},
      {"numa_domains", TP_PLACES_NUMA_DOMAINS}};
  *why = *note = NULL;
  s = tp_skip_ws(s);
  if (*s == 0) {
    *why = "empty value";
    return NULL;
  }
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    size_t n = strlen(names[i].name);
    if (strncasecmp(s, names[i].name, n))
      continue;
    const char *p = tp_skip_ws(s + n);
    unsigned long count = (unsigned long)-1;
    if (*p == '(') {
      p++;
      if (!num(&p, &count) || count == 0 || *p != ')') {
        *why = "expected a positive count in ( )";
        return NULL;
      }
      p = tp_skip_ws(p + 1);
    }
    if (*p) {
      *why = "unexpected text after the place name";
      return NULL;
    }
    return tp_places_level(names[i].level, count, avail);
  }
  return parse_list(s, avail, why, note);
}

/* ---- GOMP_CPU_AFFINITY ------------------------------------------------ */

static bool cnum(const char **s, unsigned long *out) {
  const char *p = *s;
  if (!isdigit((unsigned char)*p))
    return false;
  errno = 0;
  char *end;
  *out = strtoul(p, &end, 0);
  if (errno || end == p || *out >= MAXCPU)
    return false;
  *s = end;
  return true;
}

struct tp_place_list *tp_places_parse_gomp(const char *s, const cpu_set_t *avail,
                                           const char **why, const char **note) {
  struct builder b = {0};
  *why = *note = NULL;
  for (;;) {
    s = tp_skip_ws(s);
    if (*s == 0 && b.l.n)
      break;
    unsigned long first, last, stride = 1;
    if (!cnum(&s, &first)) {
      *why = "expected CPU numbers or ranges first-last[:stride] (0..1023)";
      goto fail;
    }
    last = first;
    if (*s == '-') {
      s++;
      if (!cnum(&s, &last) || last < first) {
        *why = "bad CPU range first-last[:stride]";
        goto fail;
      }
      if (*s == ':') {
        s++;
        if (!cnum(&s, &stride) || stride == 0) {
          *why = "bad stride in a CPU range";
          goto fail;
        }
      }
    }
    for (unsigned long c = first; c <= last; c += stride) {
      cpu_set_t p;
      CPU_ZERO(&p);
      CPU_SET(c, &p);
      push(&b, &p);
    }
    s = tp_skip_ws(s);
    if (*s == ',')
      s++;
  }
  return finalize(&b, avail, why, note);
fail:
  free(b.l.set);
  return NULL;
}

/* ---- topology ---------------------------------------------------------- */

struct tp_place_list *tp_places_level(int level, unsigned long count,
                                      const cpu_set_t *avail) {
  static const enum tp_topo_level of[] = {
      [TP_PLACES_THREADS] = TP_TOPO_PU,       [TP_PLACES_CORES] = TP_TOPO_CORE,
      [TP_PLACES_SOCKETS] = TP_TOPO_PACKAGE,  [TP_PLACES_LL_CACHES] = TP_TOPO_LLC,
      [TP_PLACES_NUMA_DOMAINS] = TP_TOPO_NUMA};
  struct builder b = {0};
  const cpu_set_t *groups;
  unsigned n = tp_topo_level(of[level], &groups);
  for (unsigned i = 0; i < n && b.l.n < count; i++) {
    cpu_set_t s;
    CPU_AND(&s, &groups[i], avail);
    if (CPU_COUNT(&s))
      push(&b, &s);
  }
  if (b.l.n == 0) { /* no usable CPU in the topology: should not happen */
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(0, &one);
    push(&b, &one);
  }
  return finish(&b);
}

/* ---- formatting ------------------------------------------------------- */

struct out {
  char *buf;
  size_t size, len;
};

static void put(struct out *o, const char *fmt, unsigned long a) {
  char tmp[32];
  int n = snprintf(tmp, sizeof tmp, fmt, a);
  for (int i = 0; i < n; i++, o->len++)
    if (o->len + 1 < o->size)
      o->buf[o->len] = tmp[i];
}

static size_t done(struct out *o) {
  if (o->size)
    o->buf[o->len < o->size ? o->len : o->size - 1] = 0;
  return o->len;
}

/* Runs of consecutive CPUs, comma-separated: the first CPU, then `more`
 * formatting the last CPU (range) or the run length (!range) if longer
 * than one. */
static void runs(const cpu_set_t *set, struct out *o, const char *more,
                 bool range) {
  bool first = true;
  for (unsigned long c = 0; c < MAXCPU; c++) {
    if (!CPU_ISSET(c, set))
      continue;
    unsigned long e = c;
    while (e + 1 < MAXCPU && CPU_ISSET(e + 1, set))
      e++;
    put(o, first ? "%lu" : ",%lu", c);
    if (e > c)
      put(o, more, range ? e : e - c + 1);
    first = false;
    c = e;
  }
}

size_t tp_places_format(const struct tp_place_list *l, char *buf, size_t size) {
  struct out o = {buf, size, 0};
  for (unsigned i = 0; l && i < l->n; i++) {
    put(&o, i ? ",{" : "{", 0);
    runs(&l->set[i], &o, ":%lu", false);
    put(&o, "}", 0);
  }
  return done(&o);
}

size_t tp_cpuset_format(const cpu_set_t *set, char *buf, size_t size) {
  struct out o = {buf, size, 0};
  runs(set, &o, "-%lu", true);
  return done(&o);
}

int tp_places_find(const struct tp_place_list *l, const cpu_set_t *set) {
  for (unsigned i = 0; l && i < l->n; i++)
    if (CPU_EQUAL(&l->set[i], set))
      return (int)i;
  return -1;
}
