// threadprivate.c's checks with clang keeping threadprivate variables in the
// runtime instead of TLS (-fnoopenmp-use-tls: __kmpc_threadprivate_cached
// for every access, copyin included).
// REQUIRES: clang
// RUN: %cc -fnoopenmp-use-tls %S/threadprivate.c -o %t && %preload %run %t | %FileCheck %S/threadprivate.c
// RUN: %cc -fnoopenmp-use-tls %S/threadprivate.c %link -o %t.l && %run %t.l | %FileCheck %S/threadprivate.c
// RUN: nm %t | grep -q __kmpc_threadprivate_cached
