/* test_threadprivate.c — threadprivate variables kept by the runtime
 * (runtime/threadprivate.c):
 *  1. the first thread's copy is the original; another thread's starts as
 *     the original's bytes at first use, is its own, and keeps its value;
 *     lookups through the cache word and without one agree;
 *  2. a registered constructor makes each copy and the destructor ends it
 *     when its thread leaves;
 *  3. many variables in one thread (the table grows) stay distinct. */
#include "check.h"
#include "rt.h"

static long plain = 7;
static int ctors, dtors;
static struct obj { int tag; } object;
static void *obj_ctor(void *p) {
  ((struct obj *)p)->tag = 42;
  ctors++;
  return p;
}
static void obj_dtor(void *p) {
  CHECK(((struct obj *)p)->tag == 42, "destructor sees a constructed object");
  dtors++;
}
static long many[100];

int main(void) {
  struct tp_thread first = {.uid = 1}, other = {.uid = 2};
  void *cache = NULL;
  CHECK(tp_threadprivate(&first, &plain, sizeof plain, &cache) == &plain,
        "the first thread uses the original");
  long *c = tp_threadprivate(&other, &plain, sizeof plain, &cache);
  CHECK(c != &plain && *c == 7, "another thread's copy starts as the original");
  *c = 99;
  plain = 5;
  CHECK(tp_threadprivate(&other, &plain, sizeof plain, &cache) == c && *c == 99,
        "the copy is kept, with its own value");
  CHECK(tp_threadprivate(&other, &plain, sizeof plain, NULL) == c,
        "the uncached lookup finds the same copy");

  struct tp_tpctors f = {.ctor = obj_ctor, .dtor = obj_dtor};
  tp_threadprivate_register(&object, &f);
  void *ocache = NULL;
  struct obj *o = tp_threadprivate(&other, &object, sizeof object, &ocache);
  CHECK(o != &object && o->tag == 42 && ctors == 1, "the constructor made the copy");

  void *caches[100] = {0};
  for (int i = 0; i < 100; i++) {
    long *p = tp_threadprivate(&other, &many[i], sizeof many[i], &caches[i]);
    *p = i;
  }
  for (int i = 0; i < 100; i++) {
    long *p = tp_threadprivate(&other, &many[i], sizeof many[i], &caches[i]);
    CHECK(*p == i, "variable %d keeps its own copy", i);
  }
  CHECK(*c == 99, "the first copy survived the table growing");
  tp_threadprivate_thread_fini(&other);
  CHECK(dtors == 1, "the destructor ran when the thread left");
  CHECK(other.tpvars == NULL, "copies released");
  printf("threadprivate: ok\n");
  return 0;
}
