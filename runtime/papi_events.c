/* papi_events.c — TEMPO_PAPI through a dlopen'ed libpapi (papi_events.h;
 * not papi.h, which is libpapi's).  The library's
 * functions and the events kept live in tp_rt.papi (struct tp_papi),
 * written once by tp_papi_init before any region runs. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "papi_events.h"

#if defined(__has_include)
#if __has_include(<papi.h>)
#include <papi.h>
#define TEMPO_HAVE_PAPI_H 1
#endif
#endif

struct tp_papi {
  int (*add_event)(int, int);
  int (*create_eventset)(int *);
  int (*cleanup_eventset)(int);
  int (*destroy_eventset)(int *);
  int (*name_to_code)(const char *, int *);
  int (*read)(int, long long *);
  int (*start)(int);
  int (*stop)(int, long long *);
  char *(*strerror)(int);
  int code[TP_PAPI_MAX];
  char *name[TP_PAPI_MAX];
};

const char *tp_papi_name(unsigned i) {
  struct tp_papi *P = tp_rt.papi;
  return P && i < tp_rt.papi_n ? P->name[i] : "?";
}

#ifndef TEMPO_HAVE_PAPI_H

void tp_papi_init(void) {
  if (tp_rt.papi_events)
    tp_warn("TEMPO_PAPI is set, but this Tempo was built without papi.h (libpapi-dev): "
            "no events are counted");
}
void tp_papi_begin(struct tp_papi_thread *p) { (void)p; }
bool tp_papi_end(struct tp_papi_thread *p, uint64_t delta[TP_PAPI_MAX]) {
  (void)p, (void)delta;
  return false;
}

#else

static const char *err(const struct tp_papi *P, int e) {
  const char *s = P->strerror ? P->strerror(e) : NULL;
  return s ? s : "error";
}

/* Whether events codes[0..n) can be counted together: an event set with
 * them starts.  *why: the failure's text. */
static bool countable(struct tp_papi *P, const int *codes, unsigned n, const char **why) {
  int set = PAPI_NULL, e = P->create_eventset(&set);
  bool ok = e == PAPI_OK;
  for (unsigned i = 0; ok && i < n; i++)
    ok = (e = P->add_event(set, codes[i])) == PAPI_OK;
  if (ok && (e = P->start(set)) == PAPI_OK) {
    long long v[TP_PAPI_MAX];
    P->stop(set, v);
  } else {
    ok = false;
  }
  if (!ok)
    *why = err(P, e);
  if (set != PAPI_NULL) {
    P->cleanup_eventset(set);
    P->destroy_eventset(&set);
  }
  return ok;
}

static unsigned long thread_id(void) { return (unsigned long)pthread_self(); }

void tp_papi_init(void) {
  const char *list = tp_rt.papi_events;
  if (!list)
    return;
  static const char *const libs[] = {"libpapi.so", "libpapi.so.7.0", "libpapi.so.7"};
  void *h = tp_rt.papi_lib ? dlopen(tp_rt.papi_lib, RTLD_NOW | RTLD_LOCAL) : NULL;
  for (size_t i = 0; i < sizeof libs / sizeof *libs && !h && !tp_rt.papi_lib; i++)
    h = dlopen(libs[i], RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    tp_warn("TEMPO_PAPI: cannot load libpapi (%s); no events are counted, the other "
            "statistics still are", dlerror());
    return;
  }
  int (*library_init)(int) = (int (*)(int))dlsym(h, "PAPI_library_init");
  int (*thread_init)(unsigned long (*)(void)) =
      (int (*)(unsigned long (*)(void)))dlsym(h, "PAPI_thread_init");
  struct tp_papi *P = tp_calloc(1, sizeof *P);
  *(void **)&P->add_event = dlsym(h, "PAPI_add_event");
  *(void **)&P->create_eventset = dlsym(h, "PAPI_create_eventset");
  *(void **)&P->cleanup_eventset = dlsym(h, "PAPI_cleanup_eventset");
  *(void **)&P->destroy_eventset = dlsym(h, "PAPI_destroy_eventset");
  *(void **)&P->name_to_code = dlsym(h, "PAPI_event_name_to_code");
  *(void **)&P->read = dlsym(h, "PAPI_read");
  *(void **)&P->start = dlsym(h, "PAPI_start");
  *(void **)&P->stop = dlsym(h, "PAPI_stop");
  *(void **)&P->strerror = dlsym(h, "PAPI_strerror");
  int v;
  if (!library_init || !thread_init || !P->add_event || !P->create_eventset ||
      !P->cleanup_eventset || !P->destroy_eventset || !P->name_to_code || !P->read ||
      !P->start || !P->stop) {
    tp_warn("TEMPO_PAPI: libpapi lacks the functions Tempo uses; no events are counted");
    free(P);
    return;
  }
  if ((v = library_init(PAPI_VER_CURRENT)) != PAPI_VER_CURRENT || thread_init(thread_id) != PAPI_OK) {
    tp_warn("TEMPO_PAPI: libpapi does not start (%s); no events are counted, the other "
            "statistics still are", v < 0 ? err(P, v) : "another version than Tempo's");
    free(P);
    return;
  }
  unsigned n = 0;
  char *copy = strdup(list), *save = NULL;
  for (char *ev = strtok_r(copy, ",", &save); ev; ev = strtok_r(NULL, ",", &save)) {
    while (*ev == ' ')
      ev++;
    if (!*ev)
      continue;
    if (n == TP_PAPI_MAX) {
      tp_warn("TEMPO_PAPI: more than %d events; %s and the rest are not counted",
              TP_PAPI_MAX, ev);
      break;
    }
    const char *why = NULL;
    int code, e = P->name_to_code(ev, &code);
    if (e != PAPI_OK)
      why = err(P, e);
    else if (!countable(P, &code, 1, &why))
      ;
    else {
      P->code[n] = code;
      if (!countable(P, P->code, n + 1, &why))
        why = why ? why : "conflicts with the events before it";
      else
        why = NULL;
    }
    if (why) {
      tp_warn("TEMPO_PAPI: event %s cannot be counted here (%s); the other statistics "
              "still are", ev, why);
      continue;
    }
    P->name[n++] = strdup(ev);
  }
  free(copy);
  tp_rt.papi = P;
  tp_rt.papi_n = n;
}

/* The thread's event set, opened by the thread itself on first use. */
static bool thread_set(struct tp_papi_thread *p) {
  struct tp_papi *P = tp_rt.papi;
  if (p->set != PAPI_NULL || p->failed)
    return !p->failed;
  int set = PAPI_NULL, e = P->create_eventset(&set);
  for (unsigned i = 0; e == PAPI_OK && i < tp_rt.papi_n; i++)
    e = P->add_event(set, P->code[i]);
  if (e == PAPI_OK)
    e = P->start(set);
  if (e != PAPI_OK) {
    tp_warn("TEMPO_PAPI: a thread cannot count its events (%s); its counts stay 0", err(P, e));
    p->failed = true;
    return false;
  }
  p->set = set;
  return true;
}

void tp_papi_begin(struct tp_papi_thread *p) {
  unsigned d = p->depth++;
  if (d >= 4 || !thread_set(p))
    return;
  struct tp_papi *P = tp_rt.papi;
  if (P->read(p->set, p->t0[d]) != PAPI_OK)
    memset(p->t0[d], 0, sizeof p->t0[d]);
}

bool tp_papi_end(struct tp_papi_thread *p, uint64_t delta[TP_PAPI_MAX]) {
  if (!p->depth)
    return false;
  unsigned d = --p->depth;
  if (d >= 4 || p->set == PAPI_NULL)
    return false;
  long long now[TP_PAPI_MAX];
  struct tp_papi *P = tp_rt.papi;
  if (P->read(p->set, now) != PAPI_OK)
    return false;
  for (unsigned i = 0; i < tp_rt.papi_n; i++)
    delta[i] = now[i] > p->t0[d][i] ? (uint64_t)(now[i] - p->t0[d][i]) : 0;
  return true;
}

#endif
