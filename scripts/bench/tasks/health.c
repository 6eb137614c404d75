/* health: simulation of a country's health system in the style of BOTS health (written from the
 * description of the model, not its code), one task per village per time step.
 *
 * Villages form a tree (FANOUT children per village, LEVELS levels).  Every step each village
 * first simulates its children (one task each, then taskwait), takes in the patients they sent
 * up, then runs its hospital: patients under treatment count down and leave cured; patients
 * being assessed are either kept for treatment or sent up to the parent village; waiting
 * patients are assessed when staff is free; finally citizens fall ill.  A village's random
 * numbers come from its own generator and patients moved up are taken in child order, so the
 * run is deterministic and the totals must equal those of the serial run exactly.
 * Very little work per task: this measures fine-grained task trees with taskwait and
 * malloc/free in tasks.
 * Usage: health [LEVELS] [FANOUT] [STEPS]   (default 6 4 200)
 */
#include "tb.h"

#define POPULATION 32  /* citizens per village */
#define P_SICK 0.02    /* chance a citizen falls ill in one step */
#define P_SEND_UP 0.1  /* chance an assessed patient goes to the parent village's hospital */
#define ASSESS_STEPS 3 /* steps an assessment takes */

struct patient {
    struct patient *next;
    uint64_t rng;
    int steps_left;
    int hospitals; /* hospitals visited */
};

struct list {
    struct patient *head, *tail;
};

struct village {
    struct village *child;
    int nchild, level, staff;
    uint64_t rng;
    struct list waiting, assess, inside, up; /* up: leaving for the parent this step */
    long born, cured, sent_up, waited, visits;
};

static void push(struct list *l, struct patient *p)
{
    p->next = NULL;
    if (l->tail)
        l->tail->next = p;
    else
        l->head = p;
    l->tail = p;
}

static struct patient *pop(struct list *l)
{
    struct patient *p = l->head;
    l->head = p->next;
    if (!l->head)
        l->tail = NULL;
    return p;
}

static void append(struct list *dst, struct list *src)
{
    if (!src->head)
        return;
    if (dst->tail)
        dst->tail->next = src->head;
    else
        dst->head = src->head;
    dst->tail = src->tail;
    src->head = src->tail = NULL;
}

static void build(struct village *v, int level, int levels, int fanout, uint64_t id)
{
    *v = (struct village){0};
    v->level = level;
    v->rng = tb_mix64(id);
    /* About the staff a village's own patients need (0.64 a step, each holding staff ~12
     * steps), doubled at every level up for the patients sent up, so queues stay short. */
    v->staff = 10 << (levels - 1 - level);
    if (level + 1 < levels) {
        v->nchild = fanout;
        v->child = tb_alloc((size_t)fanout * sizeof *v->child);
        for (int i = 0; i < fanout; i++)
            build(&v->child[i], level + 1, levels, fanout, id * (uint64_t)fanout + (uint64_t)i + 1);
    }
}

/* One step of the hospital itself (the children are done). */
static void hospital(struct village *v)
{
    for (int i = 0; i < v->nchild; i++)
        append(&v->waiting, &v->child[i].up);

    /* Treatment: cured patients leave and free their staff. */
    struct list keep = {0};
    while (v->inside.head) {
        struct patient *p = pop(&v->inside);
        if (--p->steps_left > 0) {
            push(&keep, p);
        } else {
            v->cured++;
            v->visits += p->hospitals;
            v->staff++;
            free(p);
        }
    }
    v->inside = keep;

    /* Assessment: send up (not from the top village) or keep for treatment. */
    keep = (struct list){0};
    while (v->assess.head) {
        struct patient *p = pop(&v->assess);
        if (--p->steps_left > 0) {
            push(&keep, p);
        } else if (v->level > 0 && tb_unit(tb_rand(&p->rng)) < P_SEND_UP) {
            v->sent_up++;
            v->staff++;
            p->hospitals++;
            push(&v->up, p);
        } else {
            p->steps_left = 5 + (int)(tb_rand(&p->rng) % 10);
            push(&v->inside, p);
        }
    }
    v->assess = keep;

    while (v->staff > 0 && v->waiting.head) {
        struct patient *p = pop(&v->waiting);
        v->staff--;
        p->steps_left = ASSESS_STEPS;
        push(&v->assess, p);
    }
    for (struct patient *p = v->waiting.head; p; p = p->next)
        v->waited++;

    for (int c = 0; c < POPULATION; c++) {
        if (tb_unit(tb_rand(&v->rng)) >= P_SICK)
            continue;
        struct patient *p = tb_alloc(sizeof *p);
        p->rng = tb_rand(&v->rng);
        p->hospitals = 1;
        v->born++;
        push(&v->waiting, p);
    }
}

static void step(struct village *v, int par)
{
    for (int i = 0; i < v->nchild; i++) {
        struct village *c = &v->child[i];
        if (par) {
#pragma omp task firstprivate(c)
            step(c, 1);
        } else {
            step(c, 0);
        }
    }
    if (par) {
#pragma omp taskwait
    }
    hospital(v);
}

static void free_list(struct list *l)
{
    while (l->head)
        free(pop(l));
}

/* Sums the statistics of the tree into t[0..5] (born, cured, sent up, waited, visits, still in
 * hospitals) and frees it. */
static void collect(struct village *v, long *t)
{
    for (int i = 0; i < v->nchild; i++)
        collect(&v->child[i], t);
    t[0] += v->born;
    t[1] += v->cured;
    t[2] += v->sent_up;
    t[3] += v->waited;
    t[4] += v->visits;
    struct list *ls[] = {&v->waiting, &v->assess, &v->inside, &v->up};
    for (int i = 0; i < 4; i++) {
        for (struct patient *p = ls[i]->head; p; p = p->next)
            t[5]++;
        free_list(ls[i]);
    }
    free(v->child);
}

int main(int argc, char **argv)
{
    const char *usage = "[LEVELS] [FANOUT] [STEPS]";
    int levels = (int)tb_arg(argc, argv, 1, 6, 1, 12, usage);
    int fanout = (int)tb_arg(argc, argv, 2, 4, 1, 64, usage);
    int steps = (int)tb_arg(argc, argv, 3, 200, 1, 1000000, usage);
    long villages = 0;
    for (long k = 0, width = 1; k < levels; k++, width *= fanout)
        villages += width;
    if (villages > 10000000) {
        fprintf(stderr, "health: %ld villages is too many\n", villages);
        return 2;
    }

    struct village ser, par;
    build(&ser, 0, levels, fanout, 0);
    build(&par, 0, levels, fanout, 0);

    double t0 = tb_now();
    for (int s = 0; s < steps; s++)
        step(&ser, 0);
    double t_ser = tb_now() - t0;

    tb_start_team();
    t0 = tb_now();
#pragma omp parallel
#pragma omp single
    for (int s = 0; s < steps; s++)
        step(&par, 1);
    double t_par = tb_now() - t0;

    long ts[6] = {0}, tp[6] = {0};
    collect(&ser, ts);
    collect(&par, tp);
    int ok = ts[0] > 0;
    for (int i = 0; i < 6; i++)
        ok &= ts[i] == tp[i];
    ok &= tp[0] == tp[1] + tp[5]; /* every patient born is cured or still in a hospital */

    char params[48], res[96];
    snprintf(params, sizeof params, "levels=%d fanout=%d steps=%d", levels, fanout, steps);
    snprintf(res, sizeof res, "%ld/%ld/%ld/%ld/%ld/%ld", tp[0], tp[1], tp[2], tp[3], tp[4], tp[5]);
    return tb_report("health", params, res, ok, (villages - 1) * steps, t_par, t_ser);
}
