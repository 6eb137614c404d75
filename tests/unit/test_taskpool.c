/* test_taskpool.c — the task descriptor pool (runtime/taskpool.c).
 *  1. Descriptors one thread frees come back to another that creates:
 *     full batches pass through the depot, so after a consumer has freed
 *     4 batches' worth, a producer with an empty cache gets 2 whole
 *     batches of exactly those descriptors (no malloc), then mallocs.
 *  2. A thread that ends hands its full spare batch to the depot.
 *  3. Producer/consumer threads hand descriptors over for a while (run
 *     under ThreadSanitizer and AddressSanitizer too): every descriptor
 *     arrives intact and the depot never exceeds its cap. */
#define _GNU_SOURCE
#include <pthread.h>

#include "check.h"
#include "taskpool.h"

enum { B = TP_TASK_BATCH };

static int in_set(struct tp_task **set, int n, struct tp_task *t) {
  for (int i = 0; i < n; i++)
    if (set[i] == t)
      return 1;
  return 0;
}

static void batches_through_depot(void) {
  static struct tp_thread prod, cons;
  static struct tp_task *got[4 * B];
  for (int i = 0; i < 4 * B; i++) {
    got[i] = tp_taskpool_get(&prod, 0);
    CHECK(got[i] && got[i]->size == 0, "pooled slot %d", i);
  }
  unsigned depot0 = tp_rt.task_depot_n;
  for (int i = 0; i < 4 * B; i++)
    tp_taskpool_put(&cons, got[i]);
  /* The consumer keeps a loaded and a spare batch; the rest is in the depot. */
  CHECK_EQ_U(tp_rt.task_depot_n, depot0 + 2, "two full batches reach the depot");
  for (int i = 0; i < 2 * B; i++) {
    struct tp_task *t = tp_taskpool_get(&prod, 0);
    CHECK(in_set(got, 4 * B, t), "get %d reuses a descriptor the consumer freed", i);
  }
  CHECK_EQ_U(tp_rt.task_depot_n, depot0, "the producer took both batches");
  struct tp_task *fresh = tp_taskpool_get(&prod, 0);
  CHECK(!in_set(got, 4 * B, fresh), "an empty pool and depot allocate");
  tp_taskpool_put(&prod, fresh);

  tp_taskpool_fini(&cons);
  CHECK_EQ_U(tp_rt.task_depot_n, depot0 + 1, "an ending thread's spare batch goes to the depot");
  CHECK(cons.task_cache == NULL, "cache released");
  tp_taskpool_fini(&prod);
}

/* --- 3: producer/consumer ------------------------------------------------- */
enum { CH = 1024 };
static struct tp_task *chan[CH];
static unsigned long head, tail; /* atomic; head = next to take */
static unsigned long total;

static void *consumer(void *arg) {
  (void)arg;
  struct tp_thread self = {0};
  for (unsigned long n = 0; n < total;) {
    unsigned long h = tp_load(&head);
    if (h == tp_load_acq(&tail)) {
      tp_pause();
      continue;
    }
    struct tp_task *t = chan[h % CH];
    CHECK(t->data == (void *)(uintptr_t)h, "descriptor %lu arrived intact", h);
    tp_store_rel(&head, h + 1);
    tp_taskpool_put(&self, t);
    n++;
  }
  tp_taskpool_fini(&self);
  return NULL;
}

static void producer_consumer(void) {
  total = UT_ITERS(400000, 40000);
  pthread_t th;
  CHECK(pthread_create(&th, NULL, consumer, NULL) == 0, "consumer thread");
  struct tp_thread self = {0};
  for (unsigned long i = 0; i < total; i++) {
    while (i - tp_load_acq(&head) >= CH)
      tp_pause();
    struct tp_task *t = tp_taskpool_get(&self, 0);
    t->data = (void *)(uintptr_t)i;
    chan[i % CH] = t;
    tp_store_rel(&tail, i + 1);
    CHECK(tp_load(&tp_rt.task_depot_n) <= TP_TASK_DEPOT_MAX, "depot within its cap");
  }
  pthread_join(th, NULL);
  tp_taskpool_fini(&self);
}

int main(void) {
  batches_through_depot();
  producer_consumer();
  printf("taskpool: ok\n");
  return 0;
}
