/* tempo-info: the program tempo-run --info runs under Tempo with
 * OMP_DISPLAY_ENV=verbose.  Tempo says nothing until a program uses it (a
 * process that never does, under LD_PRELOAD, stays quiet), so this one asks
 * it one question.  Verbose also describes the machine as Tempo sees it
 * (packages, NUMA domains, cores, hardware threads per core, caches, CPU
 * kinds) and where the default team size came from.  Installed next to
 * libtempo.so (lib/tempo). */
int omp_get_max_threads(void);

int main(void) { return omp_get_max_threads() > 0 ? 0 : 1; }
