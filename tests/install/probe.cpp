// probe.cpp — probe.c as C++, for Tempo::OpenMP_CXX (g++ links libgomp
// through the same -fopenmp, and needs the same rpath).
#include "probe.c"
